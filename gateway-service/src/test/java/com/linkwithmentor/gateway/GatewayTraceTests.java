package com.linkwithmentor.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace from the edge: a request that enters the gateway without any trace context gets its
 * trace there, the user-service process it is routed to continues it (its log line names the trace,
 * and the spans it exports over OTLP carry it), and the event the request caused carries it on in
 * its envelope ({@code traceparent}), where every consumer continues it (common-lib's
 * EventTracingTests shows that side).
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.tracing.sampling.probability=1.0",
                "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@Import(GatewayTraceTests.Spans.class)
class GatewayTraceTests {

    static final String REDIS = TestServers.redis().url();

    /** What user-service exports: OTLP/HTTP protobuf bodies, as a collector would receive them. */
    static final List<byte[]> exported = new CopyOnWriteArrayList<>();

    static final DisposableServer collector = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.post("/v1/traces", (request, response) -> request.receive().aggregate().asByteArray()
            .doOnNext(exported::add)
            .then(response.status(200).header("Content-Type", "application/x-protobuf").send())))
        .bindNow();

    static final UserServices users = UserServices.start("gateway_traces", 1, REDIS, Map.of(
            "LWM_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.port(),
            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms",
            "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB_SERVLET", "DEBUG"));

    static final ServiceProcess userService = users.instance(0);

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter gatewaySpans() {
            return InMemorySpanExporter.create();
        }
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", userService::url);
        registry.add("lwm.security.jwks-url", () -> userService.url() + "/api/v1/auth/jwks");
        registry.add("lwm.redis.url", () -> REDIS);
        registry.add("lwm.gateway.tls.enabled", () -> false);
    }

    @AfterAll
    static void stopBackends() {
        users.stop();
        collector.disposeNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter gatewaySpans;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTraceStartedAtTheGatewayRunsThroughTheServiceAndIntoTheEventItWrites() throws Exception {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/register"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"email\":\"" + name
                    + "@example.com\",\"password\":\"trace-pass-42\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String userId = json.readTree(registered.body()).path("user_id").asString();
        String requestId = registered.headers().firstValue("X-Request-Id").orElseThrow();

        // The gateway started the trace: its server span for the request is a root.
        await().atMost(20, SECONDS).until(() -> server(gatewaySpans.getFinishedSpanItems()) != null);
        SpanData edge = server(gatewaySpans.getFinishedSpanItems());
        String traceId = edge.getTraceId();
        assertThat(edge.getParentSpanContext().isValid()).as("the trace starts at the gateway").isFalse();

        // user-service continued it: its log line for the request names the trace and the request id...
        Path log = Path.of("target", "user-service-process.log");
        await().atMost(20, SECONDS).until(() -> Files.readAllLines(log).stream()
            .anyMatch(line -> line.contains("[" + traceId + ",") && line.contains("/api/v1/auth/register")));
        assertThat(Files.readAllLines(log).stream().filter(line -> line.contains("[" + traceId + ","))
            .toList()).anyMatch(line -> line.contains("," + requestId + "]"));
        // ...and the spans it exported over OTLP (an endpoint was configured) carry it.
        byte[] traceBytes = HexFormat.of().parseHex(traceId);
        await().atMost(20, SECONDS).until(() -> exported.stream().anyMatch(body -> contains(body, traceBytes)));

        // The event the request wrote carries the trace on, for whichever service consumes it.
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            await().atMost(20, SECONDS).until(() -> registeredEvent(redis, userId) != null);
            JsonNode envelope = registeredEvent(redis, userId);
            assertThat(envelope.path("traceparent").asString()).startsWith("00-" + traceId + "-");
        }
        finally {
            client.shutdown();
        }
    }

    private static SpanData server(List<SpanData> spans) {
        return spans.stream().filter(span -> span.getKind() == SpanKind.SERVER)
            .filter(span -> String.valueOf(span.getAttributes().asMap().toString()).contains("/api/v1/auth/register"))
            .findFirst().orElse(null);
    }

    private JsonNode registeredEvent(StatefulRedisConnection<String, String> redis, String userId) {
        return redis.sync().xrange("events.users", Range.create("-", "+")).stream()
            .map(entry -> json.readTree(entry.getBody().get("envelope")))
            .filter(envelope -> envelope.path("type").asString().equals("UserRegistered")
                    && envelope.path("payload").path("user_id").asString().equals(userId))
            .findFirst().orElse(null);
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer: for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
