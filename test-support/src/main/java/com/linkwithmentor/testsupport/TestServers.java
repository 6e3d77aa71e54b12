package com.linkwithmentor.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL 18 and Redis servers every test in this JVM talks to, started once on first use
 * and stopped when the JVM exits.
 *
 * <p>Which servers: {@code LWM_TEST_POSTGRES_URL} / {@code LWM_TEST_REDIS_URL} when set; otherwise
 * Testcontainers ({@code postgres:18}, {@code redis:8}) when a Docker engine answers; otherwise
 * embedded servers (zonky's PostgreSQL 18 binaries, the embedded Redis binary).
 */
public final class TestServers {

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);

    private static @Nullable PostgresServer postgres;

    private static @Nullable RedisEndpoint redis;

    private static @Nullable Boolean docker;

    private TestServers() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = startPostgres();
            log.info("Test PostgreSQL at {}:{}", postgres.host(), postgres.port());
        }
        return postgres;
    }

    public static synchronized RedisEndpoint redis() {
        if (redis == null) {
            redis = startRedis();
            log.info("Test Redis at {}", redis.url());
        }
        return redis;
    }

    private static PostgresServer startPostgres() {
        String external = System.getenv("LWM_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            return parsePostgresUrl(external);
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:18");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
            return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                    container.getPassword(), container.getDatabaseName());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded), "test-postgres-stop"));
            return new PostgresServer("localhost", embedded.getPort(), "postgres", "postgres", "postgres");
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL 18 server", ex);
        }
    }

    private static RedisEndpoint startRedis() {
        String external = System.getenv("LWM_TEST_REDIS_URL");
        if (external != null && !external.isBlank()) {
            return new RedisEndpoint(external);
        }
        if (dockerAnswers()) {
            GenericContainer<?> container = new GenericContainer<>("redis:8").withExposedPorts(6379);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-redis-stop"));
            return new RedisEndpoint("redis://" + container.getHost() + ":" + container.getMappedPort(6379));
        }
        EmbeddedRedis embedded = EmbeddedRedis.start(EmbeddedRedis.freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::stop, "test-redis-stop"));
        return new RedisEndpoint(embedded.url());
    }

    private static boolean dockerAnswers() {
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            }
            catch (RuntimeException | LinkageError ex) {
                docker = false;
            }
            log.info("Docker engine {}: using {} servers", docker ? "answers" : "absent", docker ? "Testcontainers" : "embedded");
        }
        return docker;
    }

    /** Accepts {@code postgresql://user:pass@host:port/db} and {@code jdbc:postgresql://host:port/db?user=&password=}. */
    static PostgresServer parsePostgresUrl(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String user = query.getOrDefault("user", "postgres");
        String password = query.getOrDefault("password", "");
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        String path = uri.getPath();
        String database = (path == null || path.length() <= 1) ? "postgres" : path.substring(1);
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        return new PostgresServer(uri.getHost(), port, user, password, database);
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        }
        catch (IOException ex) {
            log.warn("Embedded PostgreSQL did not stop cleanly", ex);
        }
    }
}
