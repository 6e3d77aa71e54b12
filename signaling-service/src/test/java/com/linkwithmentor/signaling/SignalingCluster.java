package com.linkwithmentor.signaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.linkwithmentor.realtime.RealtimeServer;
import com.linkwithmentor.testsupport.ApiClient;
import com.linkwithmentor.testsupport.TestRedis;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.SocketClient;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;

/**
 * Two signaling-service instances in this JVM sharing one fresh database and one Redis logical
 * database, as two pods do, with meeting- and chat-service stand-ins ({@link Neighbours}), a token
 * issuer both trust, and a real coturn reading its users from that Redis database (when coturn is
 * installed; without it TURN is unconfigured and answers are degraded). Shared by the test classes
 * of one JVM; every test makes its own users and calls.
 */
final class SignalingCluster implements AutoCloseable {

    static final int REDIS_DATABASE = 3;

    private static @Nullable SignalingCluster shared;

    private final TestTokenIssuer issuer;

    private final Neighbours neighbours;

    private final @Nullable TurnServer turn;

    private final List<ConfigurableApplicationContext> instances;

    private final String redisUrl;

    private final JdbcClient jdbc;

    private SignalingCluster(TestTokenIssuer issuer, Neighbours neighbours, @Nullable TurnServer turn,
            List<ConfigurableApplicationContext> instances, String redisUrl, JdbcClient jdbc) {
        this.issuer = issuer;
        this.neighbours = neighbours;
        this.turn = turn;
        this.instances = instances;
        this.redisUrl = redisUrl;
        this.jdbc = jdbc;
    }

    static synchronized SignalingCluster shared() {
        if (shared == null) {
            shared = start("signaling_shared", Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "signaling-cluster-stop"));
        }
        return shared;
    }

    static SignalingCluster start(String name, Map<String, Object> overrides) {
        RedisURI uri = RedisURI.create(TestServers.redis().url());
        uri.setDatabase(REDIS_DATABASE);
        String redisUrl = uri.toURI().toString();
        flush(redisUrl);
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase(name);
        TestTokenIssuer issuer = TestTokenIssuer.start();
        Neighbours neighbours = Neighbours.start();
        TurnServer turn = TurnServer.installed() ? TurnServer.start(redisUrl) : null;
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("lwm.realtime.port", "0");
        properties.put("lwm.realtime.allowed-origins", "*");
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("lwm.redis.url", redisUrl);
        properties.put("lwm.security.jwks-url", issuer.jwksUrl());
        properties.put("lwm.security.jwks-min-refresh-interval", "0s");
        properties.put("lwm.service-auth.token-url", issuer.tokenUrl());
        properties.put("lwm.service-auth.client-secret", TestTokenIssuer.clientSecret("signaling-service"));
        properties.put("lwm.events.relay-interval", "100ms");
        properties.put("lwm.events.consumer-block", "200ms");
        properties.put("lwm.signaling.eligibility.meeting-url", neighbours.url());
        properties.put("lwm.signaling.eligibility.chat-url", neighbours.url());
        properties.put("lwm.signaling.eligibility.circuit-breaker.wait-in-open-state", "4s");
        properties.put("lwm.signaling.eligibility.circuit-breaker.minimum-number-of-calls", "3");
        properties.put("lwm.signaling.turn.urls", turn != null ? turn.url() : "");
        properties.put("lwm.signaling.turn.realm", TurnServer.REALM);
        properties.put("lwm.signaling.turn.health-interval", "500ms");
        properties.put("lwm.signaling.turn.health-timeout", "400ms");
        properties.put("lwm.signaling.calls.rejoin-grace", "8s");
        properties.put("lwm.signaling.calls.sweep-interval", "250ms");
        properties.put("lwm.signaling.calls.liveness-refresh", "2s");
        properties.put("spring.main.banner-mode", "off");
        properties.put("lwm.realtime.drain-timeout", "1s");
        properties.put("server.shutdown", "immediate");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "2s");
        properties.putAll(overrides);
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        instances.add(startInstance(properties));
        instances.add(startInstance(properties));
        org.postgresql.ds.PGSimpleDataSource dataSource = (org.postgresql.ds.PGSimpleDataSource) postgres.dataSource(database);
        dataSource.setCurrentSchema("signaling");
        return new SignalingCluster(issuer, neighbours, turn, instances, redisUrl, JdbcClient.create(dataSource));
    }

    private static ConfigurableApplicationContext startInstance(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(SignalingServiceApplication.class).run(args);
    }

    int port(int instance) {
        return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    int socketPort(int instance) {
        return instances.get(instance).getBean(RealtimeServer.class).port();
    }

    <T> T bean(int instance, Class<T> type) {
        return instances.get(instance).getBean(type);
    }

    <T> T bean(int instance, String name, Class<T> type) {
        return instances.get(instance).getBean(name, type);
    }

    ApiClient api(int instance) {
        return new ApiClient(port(instance));
    }

    TestTokenIssuer issuer() {
        return issuer;
    }

    Neighbours neighbours() {
        return neighbours;
    }

    @Nullable TurnServer turn() {
        return turn;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    String redisUrl() {
        return redisUrl;
    }

    /** A new user with a valid token (mentee and mentor, so either side of a session). */
    TestUser newUser() {
        UUID id = UUID.randomUUID();
        return new TestUser(id, issuer.token(id, "mentee").roles("mentee", "mentor").lifetime(Duration.ofHours(1)).sign());
    }

    SocketClient connect(int instance, TestUser user) {
        return SocketClient.open(socketPort(instance), "/ws/signaling?access_token=" + user.token());
    }

    <T> T redis(Function<RedisCommands<String, String>, T> command) {
        return TestRedis.call(redisUrl, command);
    }

    /** The envelopes on a stream about one subject, in order. */
    List<JsonNode> events(String stream, String subjectId) {
        List<StreamMessage<String, String>> entries = redis(redis -> redis.xrange(stream, Range.create("-", "+")));
        return entries.stream().map(entry -> SocketClient.JSON.readTree(entry.getBody().get("envelope")))
            .filter(envelope -> subjectId.equals(envelope.path("subject_id").asString()))
            .toList();
    }

    /** Appends an event as another service's outbox relay would (for the suspension consumers). */
    void publish(String stream, String type, String producer, Map<String, Object> payload) {
        TestRedis.publish(redisUrl, stream, producer, type, payload.get("user_id"), payload);
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (turn != null) {
            turn.close();
        }
        neighbours.close();
        issuer.close();
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

    record TestUser(UUID id, String token) {
    }
}
