package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.payment.provider.Signatures;

import tools.jackson.databind.JsonNode;

/**
 * The sandbox's webhooks at {@code POST /api/v1/payments/webhooks/sandbox}: public, refused unless
 * the signature verifies, applied once per event id, and through a state machine, so a repeated,
 * late or out-of-order notice changes nothing.
 */
class WebhookTests {

    static final String SECRET = "sandbox-webhook-secret";

    PaymentFleet fleet;

    Api api;

    @BeforeEach
    void fleet() {
        fleet = PaymentFleet.shared();
        fleet.normalBehaviour();
        api = fleet.api();
    }

    static Map<String, String> signed(String body, long timestamp, String secret) {
        String signature = Signatures.hmacHex(secret, (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return Map.of("Content-Type", "application/json", "X-Sandbox-Signature", "t=" + timestamp + ",v1=" + signature);
    }

    static String event(String id, String type, String gatewayRef, String reference, long amountMinor) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created_at\":\"" + Instant.now() + "\",\"data\":{\"object\":\"payment\","
                + "\"gateway_ref\":\"" + gatewayRef + "\",\"reference\":\"" + reference + "\",\"amount_minor\":" + amountMinor
                + ",\"currency\":\"INR\",\"status\":\"" + (type.endsWith("succeeded") ? "succeeded" : "failed") + "\"}}";
    }

    long webhookRows() {
        return fleet.jdbc.sql("SELECT count(*) FROM webhook_events").query(Long.class).single();
    }

    @Test
    void aForgedOrStaleWebhookIsRefusedAndChangesNothing() {
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(fleet.mentor(), mentee, "500.00");
        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        String body = event("evt_forged_" + UUID.randomUUID(), "payment.succeeded", payment.path("gateway_ref").asString(),
                payment.path("tx_id").asString(), 50_000);
        long now = Instant.now().getEpochSecond();
        long rows = webhookRows();
        String path = "/api/v1/payments/webhooks/sandbox";
        api.postRaw(path, body.getBytes(StandardCharsets.UTF_8), signed(body, now, "not-the-secret")).expectError(401, "UNAUTHORIZED");
        api.postRaw(path, body.getBytes(StandardCharsets.UTF_8), signed(body, now - 3600, SECRET)).expectError(401, "UNAUTHORIZED");
        api.postRaw(path, body.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"))
            .expectError(401, "UNAUTHORIZED");
        api.postRaw(path, (body + " ").getBytes(StandardCharsets.UTF_8), signed(body, now, SECRET)).expectError(401, "UNAUTHORIZED");
        api.postRaw("/api/v1/payments/webhooks/paypal", body.getBytes(StandardCharsets.UTF_8), signed(body, now, SECRET))
            .expectError(404, "NOT_FOUND");
        assertThat(webhookRows()).isEqualTo(rows);
        assertThat(fleet.balance("escrow:" + sessionId)).isZero();
        assertThat(api.get("/api/v1/payments/transactions/" + payment.path("tx_id").asString(), mentee.token()).body()
            .path("status").asString()).isEqualTo("pending");
        // Signed properly, the very same body is applied.
        assertThat(api.postRaw(path, body.getBytes(StandardCharsets.UTF_8), signed(body, now, SECRET)).expect(200).text("outcome"))
            .isEqualTo("applied");
        fleet.awaitEvent(sessionId, "EscrowHeld");
    }

    @Test
    void aRepeatedLateOrOutOfOrderWebhookChangesNothingTwice() {
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(fleet.mentor(), mentee, "500.00");
        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        String ref = payment.path("gateway_ref").asString();
        String txId = payment.path("tx_id").asString();
        String path = "/api/v1/payments/webhooks/sandbox";
        long now = Instant.now().getEpochSecond();
        String succeeded = event("evt_a_" + UUID.randomUUID(), "payment.succeeded", ref, txId, 50_000);
        assertThat(api.postRaw(path, succeeded.getBytes(StandardCharsets.UTF_8), signed(succeeded, now, SECRET)).expect(200)
            .text("outcome")).isEqualTo("applied");
        assertThat(api.postRaw(path, succeeded.getBytes(StandardCharsets.UTF_8), signed(succeeded, now, SECRET)).expect(200)
            .text("outcome")).isEqualTo("duplicate");
        // A failure notice that arrives after the success (another event id) is ignored by the state machine.
        String failed = event("evt_b_" + UUID.randomUUID(), "payment.failed", ref, txId, 50_000);
        assertThat(api.postRaw(path, failed.getBytes(StandardCharsets.UTF_8), signed(failed, now, SECRET)).expect(200)
            .text("outcome")).isEqualTo("ignored");
        // A success notice for another amount is not applied.
        String wrongAmount = event("evt_c_" + UUID.randomUUID(), "payment.succeeded", ref, txId, 1);
        assertThat(api.postRaw(path, wrongAmount.getBytes(StandardCharsets.UTF_8), signed(wrongAmount, now, SECRET)).expect(200)
            .text("outcome")).isEqualTo("ignored");
        String unknown = event("evt_d_" + UUID.randomUUID(), "payment.succeeded", "pay_sbx_nobody", UUID.randomUUID().toString(), 5);
        assertThat(api.postRaw(path, unknown.getBytes(StandardCharsets.UTF_8), signed(unknown, now, SECRET)).expect(200)
            .text("outcome")).isEqualTo("unmatched");
        fleet.awaitEvent(sessionId, "EscrowHeld");
        assertThat(fleet.paymentEventTypes(sessionId)).containsOnlyOnce("EscrowHeld", "PaymentSucceeded");
        assertThat(fleet.balance("escrow:" + sessionId)).isEqualTo(50_000);
        assertThat(api.get("/api/v1/payments/transactions/" + txId, mentee.token()).body().path("status").asString())
            .isEqualTo("succeeded");
    }

    @Test
    void theSandboxsDuplicateDelayedAndDroppedWebhooksAreAppliedOnce() {
        fleet.behave(Map.of("duplicate_webhooks", true, "fail_webhooks", 2, "webhook_delay_ms", 100));
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(fleet.mentor(), mentee, "640.00");
        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        fleet.pay(payment.path("gateway_ref").asString(), "succeeded");
        fleet.awaitEvent(sessionId, "EscrowHeld");
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.sandbox("GET", "/control/events", Map.of()).findValuesAsString("state")
            .stream().noneMatch("pending"::equals));
        assertThat(fleet.paymentEventTypes(sessionId)).containsOnlyOnce("EscrowHeld");
        assertThat(fleet.balance("escrow:" + sessionId)).isEqualTo(64_000);
    }
}
