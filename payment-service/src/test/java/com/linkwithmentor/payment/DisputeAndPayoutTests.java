package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.ApiClient.Reply;

import tools.jackson.databind.JsonNode;

/**
 * A mentee disputes a completed session within the window, freezing the mentor's pending
 * earning until an admin decides; a mentor is paid out what is available, to the payout method
 * user-service gives payment-service (its own credential), and a failed payout returns the money.
 */
class DisputeAndPayoutTests {

    PaymentFleet fleet;

    Api api;

    @BeforeEach
    void fleet() {
        fleet = PaymentFleet.shared();
        fleet.normalBehaviour();
        api = fleet.api();
    }

    UUID completedSession(PaymentFleet.User mentor, PaymentFleet.User mentee, String amount) {
        UUID sessionId = fleet.paidSession(mentor, mentee, amount);
        fleet.publish("events.meetings", "meeting-service", "SessionCompleted", sessionId, Map.of("session_id", sessionId.toString(),
                "mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString(), "actual_end", Instant.now().toString()));
        fleet.awaitEvent(sessionId, "EscrowReleased");
        return sessionId;
    }

    void windowPasses(UUID sessionId) {
        fleet.jdbc.sql("UPDATE earnings SET available_at = now() - interval '1 second' WHERE subject_id = ?").param(sessionId).update();
    }

    String balance(PaymentFleet.User user, String field) {
        return api.get("/api/v1/payments/balance", user.token()).expect(200).text(field);
    }

    @Test
    void aDisputeFreezesTheEarningAndAnAdminsPartialRefundSplitsIt() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = completedSession(mentor, mentee, "1000.00");
        api.post("/api/v1/payments/disputes", Map.of("session_id", sessionId.toString(), "reason", "x"), fleet.mentee().token())
            .expectError(404, "NOT_FOUND");
        api.post("/api/v1/payments/disputes", Map.of("session_id", sessionId.toString(), "reason", "bad\u0000"), mentee.token())
            .expectFieldError("reason");
        api.post("/api/v1/payments/disputes", "{\"session_id\": \"" + sessionId + "\", \"reason\": \"\\ud800 lone\"}",
                mentee.token()).expectFieldError("reason");
        JsonNode dispute = api.post("/api/v1/payments/disputes", Map.of("session_id", sessionId.toString(), "reason",
                "The mentor left after ten minutes"), mentee.token()).expect(201).body();
        api.post("/api/v1/payments/disputes", Map.of("session_id", sessionId.toString(), "reason", "again"), mentee.token())
            .expectError(409, "CONFLICT");
        // Frozen: the window passing does not make it available.
        windowPasses(sessionId);
        UUID marker = completedSession(fleet.mentor(), fleet.mentee(), "10.00");
        windowPasses(marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> "0.00".equals(fleet.jdbc.sql(
                "SELECT CASE WHEN count(*) = 0 THEN '0.00' ELSE 'x' END FROM earnings WHERE subject_id = ? AND status = 'pending'")
            .param(marker).query(String.class).single()));
        assertThat(balance(mentor, "pending")).isEqualTo("900.00");
        assertThat(balance(mentor, "available")).isEqualTo("0.00");

        String decision = "/api/v1/payments/admin/disputes/" + dispute.path("dispute_id").asString() + "/decision";
        api.post(decision, Map.of("decision", "partial", "refund_amount", "400.00"), mentor.token()).expectError(403, "FORBIDDEN");
        PaymentFleet.User admin = fleet.admin();
        assertThat(api.get("/api/v1/payments/admin/disputes?status=open", admin.token()).expect(200).body()
            .findValuesAsString("dispute_id")).contains(dispute.path("dispute_id").asString());
        api.post(decision, Map.of("decision", "partial", "refund_amount", "1000.00"), admin.token()).expectFieldError("refund_amount");
        api.post(decision, Map.of("decision", "maybe"), admin.token()).expectFieldError("decision");
        JsonNode decided = api.post(decision, Map.of("decision", "partial", "refund_amount", "400.00", "note", "half-way"),
                admin.token()).expect(200).body();
        assertThat(decided.path("status").asString()).isEqualTo("decided");
        api.post(decision, Map.of("decision", "release"), admin.token()).expectError(409, "CONFLICT");
        assertThat(fleet.awaitEvent(sessionId, "RefundIssued").path("amount").asString()).isEqualTo("400.00");
        // 400 back: 360 from the mentor's 900, 40 of the 100 fee; the mentor keeps 540, available now.
        assertThat(balance(mentor, "pending")).isEqualTo("0.00");
        assertThat(balance(mentor, "available")).isEqualTo("540.00");
        assertThat(balance(mentee, "refunded")).isEqualTo("400.00");
    }

    @Test
    void noDisputeAfterTheWindow() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = completedSession(mentor, mentee, "100.00");
        fleet.jdbc.sql("UPDATE earnings SET available_at = now() - interval '1 second' WHERE subject_id = ?").param(sessionId).update();
        api.post("/api/v1/payments/disputes", Map.of("session_id", sessionId.toString(), "reason", "too late"), mentee.token())
            .expectError(409, "CONFLICT");
        UUID notCompleted = fleet.paidSession(mentor, mentee, "100.00");
        api.post("/api/v1/payments/disputes", Map.of("session_id", notCompleted.toString(), "reason", "early"), mentee.token())
            .expectError(409, "CONFLICT");
    }

    @Test
    void aPayoutSendsTheAvailableBalanceToTheMentorsPayoutMethod() {
        PaymentFleet.User mentor = fleet.mentor();
        UUID sessionId = completedSession(mentor, fleet.mentee(), "600.00");
        api.postWithKey("/api/v1/payments/payouts", Map.of(), mentor.token(), UUID.randomUUID().toString())
            .expectError(409, "CONFLICT");
        windowPasses(sessionId);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(mentor, "available").equals("540.00"));
        api.postWithKey("/api/v1/payments/payouts", Map.of(), mentor.token(), UUID.randomUUID().toString())
            .expectError(422, "UNPROCESSABLE");
        fleet.owners.payoutMethod(mentor.id(), "mentor@okbank");
        api.postWithKey("/api/v1/payments/payouts", Map.of(), fleet.as(mentor, "mentee").token(), null).expectError(403, "FORBIDDEN");
        api.postWithKey("/api/v1/payments/payouts", Map.of("currency", "XYZ"), mentor.token(), null).expectFieldError("currency");
        String key = UUID.randomUUID().toString();
        Reply payout = api.postWithKey("/api/v1/payments/payouts", Map.of(), mentor.token(), key).expect(201);
        assertThat(payout.body().path("amount").path("amount").asString()).isEqualTo("540.00");
        assertThat(payout.body().path("transaction_type").asString()).isEqualTo("payout");
        Reply replay = api.postWithKey("/api/v1/payments/payouts", Map.of(), mentor.token(), key).expect(201);
        assertThat(replay.text("tx_id")).isEqualTo(payout.text("tx_id"));
        UUID payoutId = UUID.fromString(payout.text("tx_id"));
        JsonNode sent = fleet.awaitEvent(payoutId, "PayoutSent");
        assertThat(sent.path("amount").asString()).isEqualTo("540.00");
        assertThat(sent.path("mentor_id").asString()).isEqualTo(mentor.id().toString());
        assertThat(balance(mentor, "available")).isEqualTo("0.00");
        assertThat(balance(mentor, "in_payout")).isEqualTo("0.00");
        assertThat(balance(mentor, "paid_out")).isEqualTo("540.00");
        String bearer = fleet.owners.authorizations.get(fleet.owners.authorizations.size() - 1);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(bearer.substring(7).split("\\.")[1])))
            .contains("users:read-payout-methods");
    }

    @Test
    void aFailedPayoutReturnsTheMoneyToAvailable() {
        PaymentFleet.User mentor = fleet.mentor();
        fleet.owners.payoutMethod(mentor.id(), "mentor@okbank");
        UUID sessionId = completedSession(mentor, fleet.mentee(), "200.00");
        windowPasses(sessionId);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(mentor, "available").equals("180.00"));
        fleet.behave(Map.of("payout_outcome", "failed"));
        UUID payoutId = UUID.fromString(api.postWithKey("/api/v1/payments/payouts", Map.of(), mentor.token(), null).expect(201)
            .text("tx_id"));
        fleet.awaitEvent(payoutId, "PayoutFailed");
        assertThat(balance(mentor, "available")).isEqualTo("180.00");
        assertThat(balance(mentor, "in_payout")).isEqualTo("0.00");
        assertThat(api.get("/api/v1/payments/transactions/" + payoutId, mentor.token()).body().path("status").asString())
            .isEqualTo("failed");
    }

    @Test
    void theDailyPayoutPaysEveryMentorAboveTheThreshold() {
        PaymentFleet.User above = fleet.mentor();
        PaymentFleet.User below = fleet.mentor();
        fleet.owners.payoutMethod(above.id(), "above@okbank");
        fleet.owners.payoutMethod(below.id(), "below@okbank");
        UUID big = completedSession(above, fleet.mentee(), "1000.00");
        UUID small = completedSession(below, fleet.mentee(), "100.00");
        windowPasses(big);
        windowPasses(small);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(above, "available").equals("900.00")
                && balance(below, "available").equals("90.00"));
        fleet.bean(com.linkwithmentor.payment.payout.Payouts.class).payOutEveryone();
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(above, "paid_out").equals("900.00"));
        assertThat(balance(below, "available")).isEqualTo("90.00");
        assertThat(balance(below, "paid_out")).isEqualTo("0.00");
    }
}
