package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The provider is down: a checkout is accepted as {@code processing} (never an error that loses
 * it), queued durably and sent once the provider is back; a refund waits the same way. The
 * breaker opens meanwhile, so nobody waits on a dead provider.
 */
class ProviderOutageTests {

    PaymentFleet fleet;

    Api api;

    @BeforeEach
    void fleet() {
        fleet = PaymentFleet.shared();
        fleet.normalBehaviour();
        api = fleet.api();
    }

    @AfterEach
    void providerBack() {
        fleet.normalBehaviour();
    }

    @Test
    void aCheckoutWhileTheProviderIsDownIsProcessingAndGoesOutWhenItIsBack() {
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(fleet.mentor(), mentee, "500.00");
        fleet.behave(Map.of("down", true));
        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        assertThat(payment.path("status").asString()).isEqualTo("processing");
        assertThat(payment.path("next_action").isNull() || payment.path("next_action").isMissingNode()).isTrue();
        String txId = payment.path("tx_id").asString();
        // More checkouts fail over to the queue too; the breaker opens after a few.
        for (int i = 0; i < 3; i++) {
            UUID other = fleet.bookSession(fleet.mentor(), mentee, "100.00");
            assertThat(api.checkout(mentee, other).expect(201).text("status")).isEqualTo("processing");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.jdbc.sql(
                "SELECT attempts FROM provider_commands WHERE tx_id = ?::uuid").param(txId).query(Integer.class).single() >= 2);
        fleet.behave(Map.of("down", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> "pending".equals(api.get("/api/v1/payments/transactions/" + txId,
                mentee.token()).body().path("status").asString()));
        JsonNode pending = api.get("/api/v1/payments/transactions/" + txId, mentee.token()).body();
        assertThat(pending.path("next_action").path("type").asString()).isEqualTo("upi_intent");
        // The same checkout again shows what to do now.
        JsonNode again = api.checkout(mentee, sessionId).expect(200).body();
        assertThat(again.path("next_action").path("qr_png_base64").asString()).isNotBlank();
        fleet.pay(pending.path("gateway_ref").asString(), "succeeded");
        fleet.awaitEvent(sessionId, "EscrowHeld");
    }

    @Test
    void aRefundWhileTheProviderIsDownIsQueuedAndIssuedLater() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.paidSession(mentor, mentee, "800.00");
        fleet.behave(Map.of("down", true));
        fleet.publish("events.meetings", "meeting-service", "SessionCancelled", sessionId, Map.of("session_id", sessionId.toString(),
                "mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString(), "cancelled_by_role", "mentor",
                "refund_percent", 100, "was_paid", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.jdbc.sql("""
                SELECT count(*) FROM provider_commands c JOIN transactions t ON t.tx_id = c.tx_id
                WHERE t.session_id = ? AND c.kind = 'refund' AND c.attempts >= 1 AND c.status = 'queued'
                """).param(sessionId).query(Long.class).single() == 1);
        assertThat(fleet.paymentEventTypes(sessionId)).doesNotContain("RefundIssued");
        assertThat(api.get("/api/v1/payments/balance", mentee.token()).body().path("refunded").asString()).isEqualTo("0.00");
        fleet.behave(Map.of("down", false));
        assertThat(fleet.awaitEvent(sessionId, "RefundIssued").path("amount").asString()).isEqualTo("800.00");
    }
}
