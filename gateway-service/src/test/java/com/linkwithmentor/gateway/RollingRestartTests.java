package com.linkwithmentor.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

import tools.jackson.databind.json.JsonMapper;

/**
 * A rolling restart of a servlet service under load, the way an orchestrator does it: two
 * user-service processes behind the real gateway; clients keep reading (GET), updating (PUT) and
 * registering (POST, which writes a UserRegistered event) while one instance gets SIGTERM and is
 * started again, then the other; moderation's UserSuspended events keep arriving for the service's
 * consumer group meanwhile. Not one request may fail (every answer 2xx), every event written during
 * the restarts reaches the stream exactly once, and every event sent to the service is handled
 * exactly once.
 *
 * <p>What makes it so: on SIGTERM the service's readiness goes DOWN while it still serves for its
 * drain delay (each answer {@code Connection: close}); the gateway's readiness probes stop choosing
 * it; in-flight requests finish; the relay publishes what they wrote; the consumers finish and
 * acknowledge what they read. A request that still meets a refused connection is retried on the
 * other instance (it never reached the service). Every servlet service shares this code path
 * (common-lib), so one service stands for all of them; WebSocket services add a 1012 close on drain
 * (the realtime module's own tests).
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RollingRestartTests {

    static final String REDIS = TestServers.redis().url();

    static final UserServices users = UserServices.start("rolling_users", 2, REDIS, Map.of("LWM_DRAIN_DELAY", "3s"));

    static final ServiceProcess first = users.instance(0);

    static final ServiceProcess second = users.instance(1);

    static final Duration CLIENT_PACE = Duration.ofMillis(40);

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", first::url);
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[1].uri", second::url);
        registry.add("lwm.security.jwks-url", () -> first.url() + "/api/v1/auth/jwks");
        registry.add("lwm.security.jwks-cache-ttl", () -> "30m");
        registry.add("lwm.redis.url", () -> REDIS);
        registry.add("lwm.gateway.tls.enabled", () -> false);
        registry.add("lwm.gateway.rate-limits.enabled", () -> false);
        registry.add("lwm.gateway.readiness.interval", () -> "300ms");
    }

    @AfterAll
    static void stopBackends() {
        users.stop();
    }

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    record Account(String userId, String token) {
    }

    record Reply(int status, String body) {
    }

    @Test
    void restartingEachInstanceInTurnUnderLoadFailsNoRequestAndLosesNoEvent() throws Exception {
        List<Account> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(signUp());
        }
        List<String> toSuspend = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            toSuspend.add(signUp().userId());
        }

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Queue<String> registered = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size() + 1);
        List<Future<?>> load = new ArrayList<>();
        for (Account client : clients) {
            load.add(pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    expect(send("GET", "/api/v1/users/me", client.token(), null), 200, "GET me", requests, failures);
                    if (i % 4 == 1) {
                        expect(send("PUT", "/api/v1/profiles/" + client.userId(), client.token(), "{\"bio\":\"round " + i + "\"}"),
                                200, "PUT profile", requests, failures);
                    }
                    if (i % 40 == 3) { // each registration hashes a password (Argon2id, CPU-heavy), so fewer
                        String name = uniqueName();
                        Reply reply = send("POST", "/api/v1/auth/register", null, registration(name));
                        if (expect(reply, 201, "POST register", requests, failures)) {
                            registered.add(json.readTree(reply.body()).path("user_id").asString());
                        }
                    }
                    // Steady traffic (about 25 requests a second per client), not a tight loop: on two
                    // cores a saturating load starves the instance being started again (a minute per
                    // restart), which tests the machine, not the hand-over.
                    sleep(CLIENT_PACE);
                }
            }));
        }
        // Moderation's sanctions arrive throughout, for the service's consumer group to handle.
        Map<String, String> sanctionEvents = new java.util.concurrent.ConcurrentHashMap<>();
        RedisClient redisClient = RedisClient.create(REDIS);
        StatefulRedisConnection<String, String> redis = redisClient.connect();
        Future<?> sanctions = pool.submit(() -> {
            for (String userId : toSuspend) {
                if (!running.get()) {
                    break;
                }
                String eventId = UUID.randomUUID().toString();
                sanctionEvents.put(userId, eventId);
                redis.sync().xadd("events.moderation", Map.of("envelope", suspension(eventId, userId)));
                sleep(Duration.ofMillis(2_500));
            }
        });

        Instant started = Instant.now();
        sleep(Duration.ofSeconds(2));
        first.restart();
        sleep(Duration.ofSeconds(3));
        second.restart();
        sleep(Duration.ofSeconds(3));
        running.set(false);
        for (Future<?> future : load) {
            future.get(60, SECONDS);
        }
        sanctions.get(60, SECONDS);
        pool.shutdown();
        Duration took = Duration.between(started, Instant.now());

        assertThat(failures).as("requests that did not succeed, of " + requests.get() + " over " + took.toSeconds() + " s")
            .isEmpty();
        assertThat(requests.get()).isGreaterThan(100);
        assertThat(registered).hasSizeGreaterThan(5);
        assertThat(sanctionEvents).hasSize(toSuspend.size());

        JdbcTemplate jdbc = new JdbcTemplate(users.postgres.dataSource(users.database));
        await("every event written has been published").atMost(30, SECONDS).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM users.event_outbox WHERE published_at IS NULL", Long.class) == 0);
        await("every sanction has been handled").atMost(60, SECONDS).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM users.processed_event WHERE consumer_group = 'user-service' AND event_id IN ("
                        + sanctionEvents.values().stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")",
                Long.class) == sanctionEvents.size());
        try {
            Map<String, Long> userEvents = eventsOnUsersStream(redis);
            for (String userId : registered) {
                assertThat(userEvents.getOrDefault("UserRegistered:" + userId, 0L)).as("UserRegistered for %s", userId).isEqualTo(1);
            }
            for (String userId : toSuspend) {
                assertThat(userEvents.getOrDefault("UserSuspended:" + userId, 0L)).as("UserSuspended for %s", userId).isEqualTo(1);
            }
        }
        finally {
            redis.close();
            redisClient.shutdown();
        }
    }

    /** How many events of each type and user the stream holds ({@code "UserRegistered:<id>"}), duplicates counted. */
    private Map<String, Long> eventsOnUsersStream(StatefulRedisConnection<String, String> redis) {
        return redis.sync().xrange("events.users", Range.create("-", "+")).stream()
            .map(entry -> json.readTree(entry.getBody().get("envelope")))
            .collect(Collectors.groupingBy(envelope -> envelope.path("type").asString() + ":"
                    + envelope.path("payload").path("user_id").asString(), Collectors.counting()));
    }

    private boolean expect(Reply reply, int status, String what, AtomicInteger requests, Queue<String> failures) {
        requests.incrementAndGet();
        if (reply.status() != status) {
            failures.add(Instant.now() + " " + what + " -> " + reply.status() + " " + abbreviate(reply.body()));
            return false;
        }
        return true;
    }

    private Account signUp() {
        String name = uniqueName();
        Reply registered = send("POST", "/api/v1/auth/register", null, registration(name));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Reply login = send("POST", "/api/v1/auth/login", null, "{\"login\":\"" + name + "\",\"password\":\"rolling-pass-42\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return new Account(json.readTree(registered.body()).path("user_id").asString(),
                json.readTree(login.body()).path("access_token").asString());
    }

    private String suspension(String eventId, String userId) {
        return json.writeValueAsString(Map.of("event_id", eventId, "type", "UserSuspended", "version", 1,
                "occurred_at", Instant.now().toString(), "producer", "moderation-service", "subject_id", userId,
                "payload", Map.of("user_id", userId, "reason", "rolling restart test", "severity", "high")));
    }

    private static String registration(String name) {
        return "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"rolling-pass-42\"}";
    }

    private static String uniqueName() {
        return "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private Reply send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body != null ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            return new Reply(-1, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Reply(-1, ex.toString());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
