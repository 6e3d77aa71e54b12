package com.linkwithmentor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox as payment-service sees it: gateway API, control API, signed webhooks, faults. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SandboxTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String signature, String body) {
    }

    @LocalServerPort
    int port;

    @Autowired
    WebhookSender sender;

    @Autowired
    SandboxGateway gateway;

    HttpServer receiver;

    @BeforeEach
    void start() throws IOException {
        gateway.reset();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Sandbox-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void aPaymentSettledThroughTheControlApiSendsOneSignedWebhook() {
        String reference = UUID.randomUUID().toString();
        JsonNode payment = call("POST", "/v1/payments", Map.of("reference", reference, "amount_minor", 50000, "currency", "INR",
                "notify_url", hook()), true).body();
        String ref = payment.path("gateway_ref").asString();
        assertThat(payment.path("status").asString()).isEqualTo("pending");
        assertThat(payment.path("upi_uri").asString()).startsWith("upi://pay?pa=").contains("&am=500.00", "&cu=INR", "&tr=" + ref);
        // The same reference is the same payment.
        assertThat(call("POST", "/v1/payments", Map.of("reference", reference, "amount_minor", 50000, "currency", "INR"), true)
            .body().path("gateway_ref").asString()).isEqualTo(ref);

        assertThat(call("POST", "/control/payments/" + ref, Map.of("outcome", "succeeded"), false).status()).isEqualTo(200);
        assertThat(call("POST", "/control/payments/" + ref, Map.of("outcome", "failed"), false).status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        Received hook = received.get(0);
        String timestamp = hook.signature().substring(2, hook.signature().indexOf(','));
        assertThat(hook.signature()).endsWith(",v1=" + sender.sign(timestamp + "." + hook.body()));
        JsonNode event = JSON.readTree(hook.body());
        assertThat(event.path("type").asString()).isEqualTo("payment.succeeded");
        assertThat(event.path("data").path("reference").asString()).isEqualTo(reference);
    }

    @Test
    void refundsAndPayoutsSettleOnTheirOwnAndDuplicatesAreSentWhenAsked() {
        call("PUT", "/control/behaviour", Map.of("duplicate_webhooks", true, "payout_outcome", "failed"), false);
        String ref = call("POST", "/v1/payments", Map.of("reference", "r1", "amount_minor", 1000, "currency", "INR",
                "notify_url", hook()), true).body().path("gateway_ref").asString();
        call("POST", "/control/payments/" + ref, Map.of("outcome", "succeeded"), false);
        call("POST", "/v1/refunds", Map.of("reference", "rf1", "payment_ref", ref, "amount_minor", 400, "notify_url", hook()), true);
        assertThat(call("POST", "/v1/refunds", Map.of("reference", "rf2", "payment_ref", ref, "amount_minor", 700), true).status())
            .isEqualTo(400);
        call("POST", "/v1/payouts", Map.of("reference", "po1", "amount_minor", 900, "currency", "INR", "vpa", "m@bank",
                "notify_url", hook()), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 6);
        assertThat(received.stream().map(r -> JSON.readTree(r.body()).path("type").asString()).distinct())
            .containsExactlyInAnyOrder("payment.succeeded", "refund.succeeded", "payout.failed");
    }

    @Test
    void whenDownTheApiAnswers503AndWebhooksWaitUntilItIsBack() {
        String ref = call("POST", "/v1/payments", Map.of("reference", "d1", "amount_minor", 1000, "currency", "INR",
                "notify_url", hook()), true).body().path("gateway_ref").asString();
        call("PUT", "/control/behaviour", Map.of("down", true), false);
        assertThat(call("GET", "/v1/payments/" + ref, null, true).status()).isEqualTo(503);
        call("POST", "/control/payments/" + ref, Map.of("outcome", "succeeded"), false);
        assertThat(received).isEmpty();
        call("PUT", "/control/behaviour", Map.of("down", false), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(call("GET", "/v1/payments/" + ref, null, false).status()).isEqualTo(401);
    }

    @Test
    void badRequestsAreRefusedWithAGatewayStyleError() {
        Reply reply = call("POST", "/v1/payments", Map.of("reference", "x", "amount_minor", -5, "currency", "INR"), true);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("error").path("code").asString()).isEqualTo("BAD_REQUEST_ERROR");
        assertThat(call("POST", "/control/payments/nope", Map.of("outcome", "succeeded"), false).status()).isEqualTo(404);
        assertThat(call("POST", "/control/payments/nope", Map.of("outcome", "maybe"), false).status()).isEqualTo(400);
    }

    record Reply(int status, JsonNode body) {
    }

    Reply call(String method, String path, Object body, boolean withKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (withKey) {
            request.header("Authorization", "Bearer sandbox-key");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body()));
        }
        catch (IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
