package com.linkwithmentor.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
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

import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.linkwithmentor.testsupport.EmbeddedRedis;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * payment-service as its tests meet it: the payment sandbox as its own process, a stub for the
 * owners payment-service asks (meeting, lecture, user), a token issuer, and one payment-service
 * instance in this JVM on a fixed port (webhooks from the sandbox find it again after a restart)
 * with a fresh database and Redis logical database. Shared by the test classes of one JVM; every
 * test makes its own users and sessions.
 */
final class PaymentFleet {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static PaymentFleet shared;

    final TestTokenIssuer issuer;

    final OwnerStub owners;

    final ServiceProcess sandbox;

    int port;

    final String redisUrl;

    final JdbcClient jdbc;

    private final Map<String, Object> properties;

    private ConfigurableApplicationContext context;

    private final RedisClient redisClient;

    private final StatefulRedisConnection<String, String> redis;

    private PaymentFleet(Map<String, Object> overrides) {
        issuer = TestTokenIssuer.start();
        owners = OwnerStub.start();
        // Webhooks are retried for minutes, so one sent while payment-service restarts still arrives.
        sandbox = ServiceProcess.start("payment-sandbox", EmbeddedRedis.freePort(), Map.of("SANDBOX_WEBHOOK_ATTEMPTS", "40"));
        port = EmbeddedRedis.freePort();
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("payments");
        RedisURI uri = RedisURI.create(TestServers.redis().url());
        uri.setDatabase(7);
        redisUrl = uri.toURI().toString();
        redisClient = RedisClient.create(uri);
        redis = redisClient.connect();
        redis.sync().flushdb();
        properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("lwm.redis.url", redisUrl);
        properties.put("lwm.security.jwks-url", issuer.jwksUrl());
        properties.put("lwm.security.jwks-min-refresh-interval", "0s");
        properties.put("lwm.service-auth.token-url", issuer.tokenUrl());
        properties.put("lwm.service-auth.client-secret", TestTokenIssuer.clientSecret("payment-service"));
        properties.put("lwm.events.relay-interval", "100ms");
        properties.put("lwm.events.consumer-block", "200ms");
        properties.put("lwm.payments.sandbox.url", sandbox.url());
        properties.put("lwm.payments.services.user-url", owners.url());
        properties.put("lwm.payments.services.meeting-url", owners.url());
        properties.put("lwm.payments.services.lecture-url", owners.url());
        properties.put("lwm.payments.queue.poll-interval", "200ms");
        properties.put("lwm.payments.queue.first-backoff", "200ms");
        properties.put("lwm.payments.queue.max-backoff", "1s");
        properties.put("lwm.payments.circuit-breaker.wait-in-open-state", "1s");
        properties.put("lwm.payments.circuit-breaker.minimum-number-of-calls", "2");
        properties.put("lwm.payments.earnings.maturity-interval", "300ms");
        properties.put("lwm.payments.subscriptions.renewal-interval", "300ms");
        properties.put("lwm.payments.subscriptions.retry-backoff", "300ms");
        properties.put("lwm.payments.subscriptions.grace-period", "2s");
        properties.put("lwm.payments.payouts.schedule", "-");
        properties.put("lwm.payments.reconciliation.schedule", "-");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        for (int attempt = 1; ; attempt++) {
            try {
                startService();
                break;
            }
            catch (RuntimeException ex) {
                // The machine is shared: another process may have taken the free port meanwhile.
                if (attempt == 3 || !portInUse(ex)) {
                    throw ex;
                }
                port = EmbeddedRedis.freePort();
                properties.put("server.port", port);
            }
        }
        PGSimpleDataSource dataSource = (PGSimpleDataSource) postgres.dataSource(database);
        dataSource.setCurrentSchema("payments");
        jdbc = JdbcClient.create(dataSource);
    }

    private static boolean portInUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.boot.web.server.PortInUseException) {
                return true;
            }
        }
        return false;
    }

    static synchronized PaymentFleet shared() {
        if (shared == null) {
            shared = new PaymentFleet(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "payment-fleet-stop"));
        }
        return shared;
    }

    private void startService() {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        context = new SpringApplicationBuilder(PaymentServiceApplication.class).run(args);
    }

    /** Stops payment-service and starts it again on the same port and database, as a crash and restart would. */
    synchronized void restart() {
        context.close();
        startService();
    }

    synchronized void stopService() {
        context.close();
    }

    synchronized void startAgain() {
        startService();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    Api api() {
        return new Api(port);
    }

    record User(UUID id, String token) {
    }

    User mentee() {
        UUID id = UUID.randomUUID();
        return new User(id, issuer.token(id, "mentee").roles("mentee", "mentor").sign());
    }

    User mentor() {
        UUID id = UUID.randomUUID();
        return new User(id, issuer.token(id, "mentor").sign());
    }

    User admin() {
        UUID id = UUID.randomUUID();
        return new User(id, issuer.token(id, "admin").sign());
    }

    /** The same user with another active role. */
    User as(User user, String role) {
        return new User(user.id(), issuer.token(user.id(), role).roles("mentee", "mentor", "admin").activeRole(role).sign());
    }

    /** XADDs an event the way its producer's outbox relay does: the envelope JSON in field {@code envelope}. */
    String publish(String stream, String producer, String type, UUID subject, Map<String, ?> payload) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("event_id", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("version", 1);
        envelope.put("occurred_at", Instant.now().toString());
        envelope.put("producer", producer);
        envelope.put("subject_id", subject.toString());
        envelope.set("payload", JSON.valueToTree(payload));
        return redis(commands -> commands.xadd(stream, Map.of("envelope", JSON.writeValueAsString(envelope))));
    }

    /** A pending_payment session booked by meeting-service (its SessionBooked event). */
    UUID bookSession(User mentor, User mentee, String amount) {
        UUID sessionId = UUID.randomUUID();
        publish("events.meetings", "meeting-service", "SessionBooked", sessionId, Map.of("session_id", sessionId.toString(),
                "mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString(),
                "scheduled_start", Instant.now().plusSeconds(86_400).toString(),
                "scheduled_end", Instant.now().plusSeconds(90_000).toString(),
                "price", Map.of("amount", amount, "currency", "INR"), "status", "pending_payment"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> jdbc.sql("SELECT count(*) FROM session_copies WHERE session_id = ?").param(sessionId)
                .query(Long.class).single() == 1);
        return sessionId;
    }

    /** A booked session, checked out and paid through the sandbox, its money held in escrow; its id. */
    UUID paidSession(User mentor, User mentee, String amount) {
        UUID sessionId = bookSession(mentor, mentee, amount);
        JsonNode payment = api().checkout(mentee, sessionId).expect(201).body();
        pay(payment.path("gateway_ref").asString(), "succeeded");
        awaitEvent(sessionId, "EscrowHeld");
        return sessionId;
    }

    /** Waits for an event of the type about the subject on events.payments, and returns its payload. */
    JsonNode awaitEvent(UUID subject, String type) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
            .until(() -> paymentEventTypes(subject).contains(type));
        return paymentEvents(subject).stream().filter(e -> e.path("type").asString().equals(type)).findFirst().orElseThrow()
            .path("payload");
    }

    /**
     * Payment events on events.payments whose subject is the given id, oldest first, once each as a
     * consumer sees them (the outbox relay may publish an event twice around a restart, same event id).
     */
    List<JsonNode> paymentEvents(UUID subject) {
        List<JsonNode> found = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (StreamMessage<String, String> message : redis(commands -> commands.xrange("events.payments", Range.create("-", "+")))) {
            JsonNode envelope = JSON.readTree(message.getBody().get("envelope"));
            if (subject.toString().equals(envelope.path("subject_id").asString()) && seen.add(envelope.path("event_id").asString())) {
                found.add(envelope);
            }
        }
        return found;
    }

    List<String> paymentEventTypes(UUID subject) {
        return paymentEvents(subject).stream().map(event -> event.path("type").asString()).toList();
    }

    <T> T redis(Function<RedisCommands<String, String>, T> command) {
        synchronized (redis) {
            return command.apply(redis.sync());
        }
    }

    /** Calls the sandbox's control API as the payer or the test would. */
    JsonNode sandbox(String method, String path, Object body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.url() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("sandbox " + method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return answer;
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    void pay(String gatewayRef, String outcome) {
        sandbox("POST", "/control/payments/" + gatewayRef, Map.of("outcome", outcome));
    }

    void behave(Map<String, Object> change) {
        sandbox("PUT", "/control/behaviour", change);
    }

    void normalBehaviour() {
        behave(Map.of("down", false, "webhook_delay_ms", 0, "fail_webhooks", 0, "duplicate_webhooks", false,
                "reorder_webhooks", false, "refund_outcome", "succeeded", "payout_outcome", "succeeded",
                "mandate_outcome", "succeeded", "auto_pay_outcome", "none"));
    }

    long balance(String code) {
        return jdbc.sql("SELECT coalesce(sum(balance_minor), 0) FROM accounts WHERE code = ?").param(code).query(Long.class).single();
    }

    void close() {
        try {
            context.close();
        }
        finally {
            sandbox.stop();
            owners.close();
            issuer.close();
            redis.close();
            redisClient.shutdown();
        }
    }
}
