package com.linkwithmentor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.testsupport.TestServers;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api-docs}: one document merged from the services' own (real documents of chat, payment,
 * lecture, meeting and signaling, snapshots of what each module's ApiDocumentTests fetched, served by
 * stand-ins; user and moderation down), and Swagger UI over it, both without a token.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsTests {

    static final DisposableServer chat = serving("chat-service");

    static final DisposableServer payment = serving("payment-service");

    static final DisposableServer lecture = serving("lecture-service");

    static final DisposableServer meeting = serving("meeting-service");

    static final DisposableServer signaling = serving("signaling-service");

    static final int dead = Backends.freePort();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.chat-service[0].uri", () -> "http://127.0.0.1:" + chat.port());
        // The first payment instance is down: the document comes from the next one.
        registry.add("spring.cloud.discovery.client.simple.instances.payment-service[0].uri", () -> "http://127.0.0.1:" + dead);
        registry.add("spring.cloud.discovery.client.simple.instances.payment-service[1].uri", () -> "http://127.0.0.1:" + payment.port());
        registry.add("spring.cloud.discovery.client.simple.instances.lecture-service[0].uri", () -> "http://127.0.0.1:" + lecture.port());
        registry.add("spring.cloud.discovery.client.simple.instances.meeting-service[0].uri", () -> "http://127.0.0.1:" + meeting.port());
        registry.add("spring.cloud.discovery.client.simple.instances.signaling-service[0].uri", () -> "http://127.0.0.1:" + signaling.port());
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri", () -> "http://127.0.0.1:" + dead);
        registry.add("spring.cloud.discovery.client.simple.instances.moderation-service[0].uri", () -> "http://127.0.0.1:" + dead);
        registry.add("lwm.redis.url", () -> TestServers.redis().url());
        registry.add("lwm.security.jwks-url", () -> "http://127.0.0.1:" + dead + "/jwks");
        registry.add("lwm.gateway.tls.enabled", () -> false);
    }

    @AfterAll
    static void stop() {
        chat.disposeNow();
        payment.disposeNow();
        lecture.disposeNow();
        meeting.disposeNow();
        signaling.disposeNow();
    }

    static final JsonMapper json = JsonMapper.builder().build();

    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void oneDocumentHoldsEveryServiceThatAnsweredAndNamesThoseThatDidNot() {
        HttpResponse<String> response = get("/api-docs/openapi.json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode merged = json.readTree(response.body());

        assertThat(merged.path("servers").get(0).path("url").asString()).isEqualTo("/");
        JsonNode paths = merged.path("paths");
        assertThat(paths.path("/api/v1/conversations").path("post").path("x-lwm-service").asString()).isEqualTo("chat-service");
        assertThat(paths.path("/api/v1/payments/checkout").path("post").path("tags").get(0).asString()).isEqualTo("payment-service");
        assertThat(paths.path("/api/v1/courses").path("get").path("operationId").asString()).startsWith("lecture_");
        assertThat(paths.path("/api/v1/payments/webhooks/{provider}").path("post").path("x-lwm-access").asString()).isEqualTo("public");
        assertThat(paths.path("/api/v1/sessions").path("post").path("x-lwm-service").asString()).isEqualTo("meeting-service");
        assertThat(paths.path("/api/v1/calls").path("post").path("x-lwm-service").asString()).isEqualTo("signaling-service");
        assertThat(paths.path("/api/v1/calendar/{file}").path("get").path("x-lwm-access").asString()).isEqualTo("public");
        // Every service a route names is in it, or named as missing.
        assertThat(merged.path("x-lwm-services").propertyNames()).containsExactlyInAnyOrder("chat-service", "lecture-service",
                "meeting-service", "moderation-service", "payment-service", "signaling-service", "user-service");
        assertThat(merged.path("x-lwm-services").path("payment-service").asString()).isEqualTo("included");
        assertThat(merged.path("x-lwm-services").path("meeting-service").asString()).isEqualTo("included");
        assertThat(merged.path("x-lwm-services").path("signaling-service").asString()).isEqualTo("included");
        assertThat(merged.has("x-lwm-conflicts")).as("no path is served by two services").isFalse();
        assertThat(merged.path("x-lwm-services").path("user-service").asString()).isEqualTo("unavailable");
        assertThat(merged.path("info").path("description").asString()).contains("user-service (unavailable");

        List<String> operationIds = new ArrayList<>();
        paths.forEach(item -> item.forEach(operation -> {
            if (operation.has("operationId")) {
                operationIds.add(operation.path("operationId").asString());
            }
        }));
        assertThat(operationIds).doesNotHaveDuplicates().hasSizeGreaterThan(40);

        // Several define Money, differently: each keeps its own under its service's name.
        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.has("Money")).isFalse();
        assertThat(schemas.has("PaymentMoney")).isTrue();
        assertThat(schemas.has("LectureMoney")).isTrue();
        assertThat(schemas.has("MeetingMoney")).isTrue();
        assertThat(schemas.has("ApiError")).isTrue();
        Set<String> refs = new HashSet<>();
        collectRefs(merged, refs);
        assertThat(refs).allSatisfy(ref -> assertThat(schemas.has(ref.substring("#/components/schemas/".length())))
            .as("%s resolves", ref).isTrue());
        assertThat(merged.path("components").path("securitySchemes").path("service_token").path("flows")
            .path("clientCredentials").path("scopes").propertyNames()).containsExactlyInAnyOrder("chat:read-conversations", "lectures:read-courses", "meetings:read-sessions",
                    "payments:read-payments");
    }

    @Test
    void swaggerUiIsServedOverTheMergedDocumentWithoutAToken() {
        HttpResponse<String> page = get("/api-docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("/api-docs/ui/swagger-ui-bundle.js");
        assertThat(get("/api-docs/initializer.js").body()).contains("/api-docs/openapi.json");
        HttpResponse<String> bundle = get("/api-docs/ui/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(get("/api-docs/ui/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(get("/api-docs/ui/nothing-here.js").statusCode()).isEqualTo(404);
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().asString());
                }
                else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        }
        else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A stand-in for a service: its real API document (a snapshot) at /v3/api-docs. */
    private static DisposableServer serving(String service) {
        String document;
        try (InputStream in = ApiDocsTests.class.getResourceAsStream("/api-docs/" + service + ".json")) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.get("/v3/api-docs", (request, response) -> response
                .header("Content-Type", "application/json").sendString(reactor.core.publisher.Mono.just(document))))
            .bindNow();
    }
}
