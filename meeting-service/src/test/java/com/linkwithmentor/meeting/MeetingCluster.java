package com.linkwithmentor.meeting;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Two meeting-service instances in this JVM, each a full Spring context with its own Tomcat,
 * sharing one fresh database, one Redis logical database and one {@link TestClock}, as two pods of
 * a deployment do; a token issuer both trust (also the token endpoint of meeting-service's own
 * credential) and a {@link FakeUserService} for the mentor-profile fallback. Started once per JVM.
 */
final class MeetingCluster implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static MeetingCluster shared;

    private final TestTokenIssuer issuer;

    private final FakeUserService users;

    private final TestClock clock;

    private final List<ConfigurableApplicationContext> instances;

    private final String redisUrl;

    private final javax.sql.DataSource dataSource;

    private final JdbcClient jdbc;

    private final Map<String, Object> properties;

    private MeetingCluster(TestTokenIssuer issuer, FakeUserService users, TestClock clock,
            List<ConfigurableApplicationContext> instances, String redisUrl, javax.sql.DataSource dataSource,
            Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
        this.issuer = issuer;
        this.users = users;
        this.clock = clock;
        this.instances = instances;
        this.redisUrl = redisUrl;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    static synchronized MeetingCluster shared() {
        if (shared == null) {
            shared = start("meeting_shared", 7, Map.of());
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    static MeetingCluster start(String name, int redisDatabase, Map<String, Object> overrides) {
        return start(name, redisDatabase, 2, overrides);
    }

    static MeetingCluster start(String name, int redisDatabase, int count, Map<String, Object> overrides) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase(name);
        RedisURI uri = RedisURI.create(TestServers.redis().url());
        uri.setDatabase(redisDatabase);
        String redisUrl = uri.toURI().toString();
        RedisClient flusher = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = flusher.connect()) {
            connection.sync().flushdb();
        }
        finally {
            flusher.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        TestTokenIssuer issuer = TestTokenIssuer.start();
        FakeUserService users = FakeUserService.start();
        TestClock clock = new TestClock();
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
        properties.put("lwm.service-auth.client-secret", TestTokenIssuer.clientSecret("meeting-service"));
        properties.put("lwm.meeting.users.url", users.url());
        properties.put("lwm.events.relay-interval", "100ms");
        properties.put("lwm.events.consumer-block", "200ms");
        properties.put("lwm.meeting.booking.sweep-interval", "300ms");
        properties.put("lwm.meeting.whiteboard.write-back-interval", "500ms");
        properties.put("spring.main.banner-mode", "off");
        try {
            properties.put("lwm.storage.local.root", java.nio.file.Files.createTempDirectory("lwm-meeting-storage-").toString());
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        properties.putAll(overrides);
        List<ConfigurableApplicationContext> instances = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(startInstance(properties, clock));
        }
        org.postgresql.ds.PGSimpleDataSource dataSource = (org.postgresql.ds.PGSimpleDataSource) postgres.dataSource(database);
        dataSource.setCurrentSchema("meetings");
        return new MeetingCluster(issuer, users, clock, instances, redisUrl, dataSource, properties);
    }

    /** Command-line arguments win over application.yml's placeholders; the shared clock is the service's Clock. */
    private static ConfigurableApplicationContext startInstance(Map<String, Object> properties, TestClock clock) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(MeetingServiceApplication.class)
            .initializers(context -> context.getBeanFactory().registerSingleton("testClock", clock))
            .run(args);
    }

    int port(int instance) {
        return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    /**
     * One more instance on the same database, Redis and clock, for a test that stops it (e.g. to
     * see its sockets told to reconnect elsewhere); the caller closes it.
     */
    ConfigurableApplicationContext startExtraInstance() {
        return startInstance(properties, clock);
    }

    /** The instance's WebSocket port (the socket layer's, beside Tomcat's). */
    int socketPort(int instance) {
        return instances.get(instance).getBean(com.linkwithmentor.realtime.RealtimeServer.class).port();
    }

    ConfigurableApplicationContext context(int instance) {
        return instances.get(instance);
    }

    <T> T bean(int instance, Class<T> type) {
        return instances.get(instance).getBean(type);
    }

    Api api(int instance) {
        return new Api(port(instance), this);
    }

    TestTokenIssuer issuer() {
        return issuer;
    }

    FakeUserService users() {
        return users;
    }

    TestClock clock() {
        return clock;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** The service's database (schema {@code meetings}), for a test that holds a transaction of its own open. */
    javax.sql.DataSource dataSource() {
        return dataSource;
    }

    String redisUrl() {
        return redisUrl;
    }

    /** A person with a 15-minute token whose active role is {@code role}, holding both roles. */
    TestUser user(String role) {
        UUID id = UUID.randomUUID();
        return new TestUser(id, issuer.token(id, role).roles("mentee", "mentor").activeRole(role).sign(),
                issuer.token(id, role.equals("mentor") ? "mentee" : "mentor").roles("mentee", "mentor")
                    .activeRole(role.equals("mentor") ? "mentee" : "mentor").sign());
    }

    /** A user's id with a token for their active role, and one for the other role. */
    record TestUser(UUID id, String token, String otherRoleToken) {
    }

    <T> T redis(Function<RedisCommands<String, String>, T> command) {
        return TestRedis.call(redisUrl, command);
    }

    /** Adds an event to a stream as another service's outbox relay would. */
    void publish(String stream, String producer, String type, Object subject, Map<String, Object> payload) {
        TestRedis.publish(redisUrl, stream, producer, type, subject, payload);
    }

    /** The envelopes on events.meetings about one subject, as published so far. */
    List<tools.jackson.databind.JsonNode> meetingEvents(Object subject) {
        return redis(redis -> redis.xrange("events.meetings", io.lettuce.core.Range.create("-", "+"))).stream()
            .map(entry -> JSON.readTree(entry.getBody().get("envelope")))
            .filter(envelope -> subject.toString().equals(envelope.path("subject_id").asString()))
            .toList();
    }

    @Override
    public void close() {
        instances.parallelStream().forEach(ConfigurableApplicationContext::close);
        issuer.close();
        users.close();
    }
}
