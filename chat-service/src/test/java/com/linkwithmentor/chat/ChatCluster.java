package com.linkwithmentor.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.linkwithmentor.realtime.RealtimeServer;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestRedis;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Two chat-service instances in this JVM, each a full Spring context with its own Tomcat (REST) and
 * socket server on their own ports, sharing one fresh database and one Redis logical database, as two pods of a
 * deployment do. Tokens come from a {@link TestTokenIssuer} both instances trust.
 */
final class ChatCluster implements AutoCloseable {

    private static ChatCluster shared;

    private final TestTokenIssuer issuer;

    private final List<ConfigurableApplicationContext> instances;

    private final String redisUrl;

    private final JdbcClient jdbc;

    private ChatCluster(TestTokenIssuer issuer, List<ConfigurableApplicationContext> instances, String redisUrl,
            JdbcClient jdbc) {
        this.issuer = issuer;
        this.instances = instances;
        this.redisUrl = redisUrl;
        this.jdbc = jdbc;
    }

    /**
     * The cluster most test classes share (started once per JVM; every test makes its own users
     * and conversations). Moderation is unreachable here, which is the degraded mode: messages go
     * out marked pending.
     */
    static synchronized ChatCluster shared() {
        if (shared == null) {
            shared = start("chat_shared", 1, Map.of(
                    "lwm.chat.moderation.url", "http://127.0.0.1:" + freePort(),
                    "lwm.chat.moderation.recheck-interval", "1h",
                    // Small, so the slow-client test overflows a queue in seconds.
                    "lwm.realtime.outbound-max-bytes", "256KB",
                    "lwm.realtime.socket-send-buffer", "16KB"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "chat-cluster-stop"));
        }
        return shared;
    }

    /** Starts two instances on a fresh database and the given Redis logical database. */
    static ChatCluster start(String name, int redisDatabase, Map<String, Object> overrides) {
        RedisURI uri = RedisURI.create(TestServers.redis().url());
        uri.setDatabase(redisDatabase);
        return start(name, uri.toURI().toString(), overrides);
    }

    /** Starts two instances on a fresh database and a Redis of the caller's (e.g. one a test restarts). */
    static ChatCluster start(String name, String redisUrl, Map<String, Object> overrides) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase(name);
        flush(redisUrl);
        TestTokenIssuer issuer = TestTokenIssuer.start();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("lwm.realtime.port", "0");
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("lwm.redis.url", redisUrl);
        properties.put("lwm.security.jwks-url", issuer.jwksUrl());
        properties.put("lwm.security.jwks-min-refresh-interval", "0s");
        properties.put("lwm.service-auth.token-url", issuer.tokenUrl());
        properties.put("lwm.service-auth.client-secret", TestTokenIssuer.clientSecret("chat-service"));
        properties.put("lwm.events.relay-interval", "100ms");
        properties.put("lwm.events.consumer-block", "200ms");
        properties.put("lwm.chat.moderation.circuit-breaker.wait-in-open-state", "1s");
        properties.put("lwm.chat.moderation.circuit-breaker.minimum-number-of-calls", "2");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        List<ConfigurableApplicationContext> instances = List.of(startInstance(properties), startInstance(properties));
        org.postgresql.ds.PGSimpleDataSource dataSource = (org.postgresql.ds.PGSimpleDataSource) postgres.dataSource(database);
        dataSource.setCurrentSchema("chat");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new ChatCluster(issuer, instances, redisUrl, jdbc);
    }

    /** Command-line arguments, so they win over application.yml's environment placeholders. */
    private static ConfigurableApplicationContext startInstance(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        return new SpringApplicationBuilder(ChatServiceApplication.class).run(args);
    }

    /** The REST port of instance 0 or 1. */
    int port(int instance) {
        return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    /** The WebSocket port of instance 0 or 1 (the socket layer's own server). */
    int socketPort(int instance) {
        return instances.get(instance).getBean(RealtimeServer.class).port();
    }

    /** Stops one instance as a rolling deploy does: its context closes and its sockets drain (1012). */
    void stop(int instance) {
        instances.get(instance).close();
    }

    <T> T bean(int instance, Class<T> type) {
        return instances.get(instance).getBean(type);
    }

    Api api(int instance) {
        return new Api(port(instance));
    }

    /** A new user with a valid 15-minute token. */
    TestUser newUser() {
        UUID id = UUID.randomUUID();
        return new TestUser(id, issuer.token(id, "mentee").sign());
    }

    /** A bean of one instance, for tests that read the service's own wiring (its handler mappings). */
    <T> T bean(int instance, String name, Class<T> type) {
        return instances.get(instance).getBean(name, type);
    }

    TestTokenIssuer issuer() {
        return issuer;
    }

    ChatClient connect(int instance, TestUser user) {
        return ChatClient.connect(socketPort(instance), user.token());
    }

    String redisUrl() {
        return redisUrl;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** Runs a command against this cluster's Redis database. */
    <T> T redis(java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        return TestRedis.call(redisUrl, command);
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
        issuer.close();
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
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
}
