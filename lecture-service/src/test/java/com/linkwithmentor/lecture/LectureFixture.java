package com.linkwithmentor.lecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestRedis;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A lecture-service instance in this JVM (a full Spring context with its own Tomcat) on its own
 * fresh database, Redis logical database, storage root and staging directory; tokens from a
 * {@link TestTokenIssuer}. Most test classes share one ({@link #shared()}), with a stand-in
 * moderation ({@link StubModeration}); classes that restart the service or need the real
 * moderation-service start their own.
 */
final class LectureFixture implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static LectureFixture shared;

    private final String name;

    private final TestTokenIssuer issuer;

    private final Map<String, Object> properties;

    private final String redisUrl;

    private final JdbcClient jdbc;

    private final Path root;

    private ConfigurableApplicationContext context;

    private LectureFixture(String name, TestTokenIssuer issuer, Map<String, Object> properties, String redisUrl,
            JdbcClient jdbc, Path root) {
        this.name = name;
        this.issuer = issuer;
        this.properties = properties;
        this.redisUrl = redisUrl;
        this.jdbc = jdbc;
        this.root = root;
    }

    /** The instance most test classes share; moderation is a stub that blocks any text containing "kill". */
    static synchronized LectureFixture shared() {
        if (shared == null) {
            StubModeration moderation = StubModeration.start();
            shared = start("lectures_shared", 3, Map.of("lwm.lectures.moderation.url", moderation.url(),
                    // Generous, so a test can credit a whole short lecture in one report (the cap has its own test).
                    "lwm.lectures.progress.report-slack", "120s"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                moderation.close();
            }, "lecture-fixture-stop"));
        }
        return shared;
    }

    static LectureFixture start(String name, int redisDatabase, Map<String, Object> overrides) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase(name);
        RedisURI uri = RedisURI.create(TestServers.redis().url());
        uri.setDatabase(redisDatabase);
        String redisUrl = uri.toURI().toString();
        flush(redisUrl);
        TestTokenIssuer issuer = TestTokenIssuer.start();
        Path root = Path.of("target", "fixtures", name + "-" + UUID.randomUUID().toString().substring(0, 6)).toAbsolutePath();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("lwm.redis.url", redisUrl);
        properties.put("lwm.security.jwks-url", issuer.jwksUrl());
        properties.put("lwm.security.jwks-min-refresh-interval", "0s");
        properties.put("lwm.service-auth.token-url", issuer.tokenUrl());
        properties.put("lwm.service-auth.client-secret", TestTokenIssuer.clientSecret("lecture-service"));
        properties.put("lwm.events.relay-interval", "100ms");
        properties.put("lwm.events.consumer-block", "200ms");
        properties.put("lwm.storage.local.root", root.resolve("storage").toString());
        properties.put("lwm.lectures.uploads.staging-dir", root.resolve("staging").toString());
        properties.put("lwm.lectures.media.dev-key-file", root.resolve("media.key").toString());
        properties.put("lwm.lectures.moderation.url", "http://127.0.0.1:" + freePort());
        properties.put("lwm.lectures.moderation.circuit-breaker.wait-in-open-state", "1s");
        properties.put("lwm.lectures.transcoding.poll-interval", "200ms");
        properties.put("lwm.lectures.transcoding.heartbeat", "300ms");
        properties.put("lwm.lectures.transcoding.stale-after", "3s");
        properties.put("lwm.lectures.transcoding.preset", "ultrafast");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        org.postgresql.ds.PGSimpleDataSource dataSource = (org.postgresql.ds.PGSimpleDataSource) postgres.dataSource(database);
        dataSource.setCurrentSchema("lectures");
        LectureFixture fixture = new LectureFixture(name, issuer, properties, redisUrl, JdbcClient.create(dataSource), root);
        fixture.startContext();
        return fixture;
    }

    /** Command-line arguments, so they win over application.yml's environment placeholders. */
    private void startContext() {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        context = new SpringApplicationBuilder(LectureServiceApplication.class).run(args);
    }

    /** Stops this instance (its workers let go of their jobs) and starts another on the same database and storage. */
    void restart(Map<String, Object> overrides) {
        context.close();
        properties.putAll(overrides);
        startContext();
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    LectureApi api() {
        return new LectureApi(port(), this);
    }

    TestTokenIssuer issuer() {
        return issuer;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    Path root() {
        return root;
    }

    /** A new user whose token's only role, active, is the one given. */
    TestUser user(String role) {
        UUID id = UUID.randomUUID();
        return new TestUser(id, issuer.token(id, role).sign());
    }

    TestUser mentor() {
        return user("mentor");
    }

    TestUser mentee() {
        return user("mentee");
    }

    <T> T redis(Function<RedisCommands<String, String>, T> command) {
        return TestRedis.call(redisUrl, command);
    }

    /** Puts an event on a stream the way its producer's outbox relay would. */
    void publish(String stream, String producer, String type, UUID subject, Map<String, Object> payload) {
        TestRedis.publish(redisUrl, stream, producer, type, subject, payload);
    }

    /** The payloads of events of this type about this subject that reached {@code events.lectures}. */
    java.util.List<tools.jackson.databind.JsonNode> events(String type, UUID subject) {
        return redis(redis -> redis.xrange("events.lectures", io.lettuce.core.Range.create("-", "+"))).stream()
            .map(message -> JSON.readTree(message.getBody().get("envelope")))
            .filter(envelope -> envelope.path("type").asString().equals(type)
                    && envelope.path("subject_id").asString().equals(subject.toString()))
            .map(envelope -> envelope.path("payload"))
            .toList();
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
        issuer.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void flush(String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushdb();
        }
        finally {
            client.shutdown();
        }
    }

    /** A user as tests see them: an id and an access token. */
    record TestUser(UUID id, String token) {
    }

    static Path createDirectories(Path path) {
        try {
            return Files.createDirectories(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
