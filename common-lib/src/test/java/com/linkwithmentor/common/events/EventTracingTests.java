package com.linkwithmentor.common.events;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.sample.SampleApplication;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.testsupport.RealServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

import io.lettuce.core.Range;
import io.lettuce.core.api.StatefulRedisConnection;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace from a request that arrives with a trace context (as every request from the gateway
 * does) through the event it writes to the handler that consumes it: the envelope carries the
 * producer span's {@code traceparent}, the consumer's span continues it, and the handler's log line
 * names the same trace.
 */
@RealServers
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { SampleApplication.class, EventTracingTests.Wiring.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.tracing.sampling.probability=1.0",
                "management.opentelemetry.tracing.export.schedule-delay=50ms" })
class EventTracingTests {

    static final String STREAM = "events.traced";

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    static final TestTokenIssuer issuer = TestTokenIssuer.start();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("lwm.security.jwks-url", issuer::jwksUrl);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    /** What the handler saw: the event, and the trace the log context named while it ran. */
    record Handled(EventEnvelope event, String traceId, String spanId) {
    }

    static class Received {
        final List<Handled> items = new CopyOnWriteArrayList<>();
    }

    @TestConfiguration
    static class Wiring {

        static final Logger log = LoggerFactory.getLogger(EventTracingTests.class);

        final Received received = new Received();

        @Bean
        InMemorySpanExporter inMemorySpans() {
            return InMemorySpanExporter.create();
        }

        @Bean
        StreamSubscription tracedSubscription() {
            return new StreamSubscription(STREAM, event -> {
                log.info("handling {} {}", event.type(), event.eventId());
                received.items.add(new Handled(event, MDC.get("traceId"), MDC.get("spanId")));
            });
        }

        @Bean
        Received received() {
            return received;
        }

        @Bean
        TracedController tracedController(OutboxWriter outbox, PlatformTransactionManager transactions) {
            return new TracedController(outbox, new TransactionTemplate(transactions));
        }
    }

    @RestController
    static class TracedController {

        private final OutboxWriter outbox;

        private final TransactionTemplate transactions;

        TracedController(OutboxWriter outbox, TransactionTemplate transactions) {
            this.outbox = outbox;
            this.transactions = transactions;
        }

        @PostMapping("/api/v1/samples/traced-events")
        Map<String, Object> write(CurrentUser user) {
            EventEnvelope written = transactions.execute(status -> outbox.append(STREAM, "SampleTraced", user.id(),
                    Map.of("user_id", user.id())));
            return Map.of("event_id", written.eventId());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    Received received;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Autowired
    JsonMapper json;

    @Test
    void theTraceOfARequestContinuesThroughItsEventIntoTheConsumer(CapturedOutput output) throws Exception {
        String incomingSpan = "00f067aa0ba902b7";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/samples/traced-events"))
            .header("Authorization", "Bearer " + issuer.token(UUID.randomUUID(), "mentee").sign())
            .header("traceparent", "00-" + TRACE_ID + "-" + incomingSpan + "-01")
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String eventId = json.readTree(response.body()).path("event_id").asString();

        // The relay publishes after the commit, on its own thread: the event reaches the stream soon, not at once.
        EventEnvelope published = await().atMost(20, SECONDS).until(() -> redis.sync().xrange(STREAM, Range.create("-", "+"))
            .stream()
            .map(entry -> json.readValue(entry.getBody().get("envelope"), EventEnvelope.class))
            .filter(envelope -> envelope.eventId().toString().equals(eventId)).findFirst(), java.util.Optional::isPresent)
            .orElseThrow();
        assertThat(published.traceparent()).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
        String producerSpan = published.traceparent().split("-")[2];

        await().atMost(20, SECONDS).until(() -> received.items.stream().anyMatch(h -> h.event().eventId().toString().equals(eventId)));
        Handled consumed = received.items.stream().filter(h -> h.event().eventId().toString().equals(eventId)).findFirst().orElseThrow();
        assertThat(consumed.traceId()).as("the handler's log context").isEqualTo(TRACE_ID);

        await().atMost(20, SECONDS).until(() -> spans.getFinishedSpanItems().stream()
            .anyMatch(span -> span.getKind() == SpanKind.CONSUMER && span.getTraceId().equals(TRACE_ID)));
        List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(TRACE_ID)).toList();
        SpanData server = only(trace, SpanKind.SERVER);
        SpanData producer = only(trace, SpanKind.PRODUCER);
        SpanData consumer = only(trace, SpanKind.CONSUMER);
        assertThat(server.getParentSpanId()).as("the server span continues the caller's").isEqualTo(incomingSpan);
        assertThat(producer.getSpanId()).isEqualTo(producerSpan);
        assertThat(ancestors(producer, trace)).as("the producer span is within the request's").contains(server.getSpanId());
        assertThat(producer.getName()).isEqualTo(STREAM + " publish");
        assertThat(consumer.getParentSpanId()).as("the consumer's span is the producer's child").isEqualTo(producerSpan);
        assertThat(consumer.getName()).isEqualTo(STREAM + " process");
        assertThat(consumed.spanId()).isEqualTo(consumer.getSpanId());

        // Every log line names its trace and span: ECS JSON carries them as fields.
        String line = output.getOut().lines().filter(l -> l.contains("handling SampleTraced " + eventId)).findFirst().orElseThrow();
        assertThat(json.readTree(line).path("trace.id").asString()).isEqualTo(TRACE_ID);
        assertThat(json.readTree(line).path("span.id").asString()).isEqualTo(consumer.getSpanId());
    }

    @Test
    void anEnvelopeWithoutATraceIsHandledInATraceOfItsOwn() {
        EventEnvelope old = new EventEnvelope(UUID.randomUUID(), "Legacy", 1, java.time.Instant.now(), "older-service", null,
                json.createObjectNode().put("x", 1));
        String wire = json.writeValueAsString(old);
        assertThat(wire).doesNotContain("traceparent");
        redis.sync().xadd(STREAM, Map.of("envelope", wire));

        await().atMost(20, SECONDS).until(() -> received.items.stream().anyMatch(h -> h.event().eventId().equals(old.eventId())));
        Handled consumed = received.items.stream().filter(h -> h.event().eventId().equals(old.eventId())).findFirst().orElseThrow();
        assertThat(consumed.event().traceparent()).isNull();
        assertThat(consumed.traceId()).hasSize(32).isNotEqualTo(TRACE_ID);
    }

    @Test
    void theEventPlumbingAndRequestLatencyAreMetricsWorthAlertingOn() throws Exception {
        redis.sync().xadd(STREAM, Map.of("envelope", json.writeValueAsString(new EventEnvelope(UUID.randomUUID(), "Metered",
                1, java.time.Instant.now(), "older-service", null, json.createObjectNode()))));
        await().atMost(20, SECONDS).until(() -> received.items.stream().anyMatch(h -> h.event().type().equals("Metered")));
        await().atMost(20, SECONDS).untilAsserted(() -> {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "prometheus.txt"), metrics);
            assertThat(metrics).containsPattern("(?m)^lwm_outbox_pending_rows\\{application=\"common-lib-sample\"} \\d")
                .containsPattern("(?m)^lwm_outbox_oldest_age_seconds\\{application=\"common-lib-sample\"} \\d")
                .doesNotContainPattern("(?m)^lwm_events_process_active_seconds_bucket")
                .containsPattern("(?m)^lwm_events_consumer_pending_entries\\{[^}]*stream=\"events.traced\"[^}]*} 0")
                .containsPattern("(?m)^lwm_events_consumer_lag_entries\\{[^}]*stream=\"events.traced\"[^}]*} 0")
                .containsPattern("(?m)^lwm_events_process_seconds_bucket\\{[^}]*messaging_destination_name=\"events.traced\"")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{");
        });
    }

    private static List<String> ancestors(SpanData span, List<SpanData> trace) {
        List<String> ids = new java.util.ArrayList<>();
        String parent = span.getParentSpanId();
        while (ids.size() < 50) {
            ids.add(parent);
            String current = parent;
            parent = trace.stream().filter(s -> s.getSpanId().equals(current)).map(SpanData::getParentSpanId).findFirst().orElse(null);
            if (parent == null) {
                return ids;
            }
        }
        return ids;
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind) {
        List<SpanData> ofKind = spans.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(ofKind).as(kind + " spans of the trace: " + spans).hasSize(1);
        return ofKind.get(0);
    }
}
