package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Escrow driven by meeting-service's and lecture-service's events (XADDed here as they would
 * publish them): completion releases minus the fee into pending (available after the dispute
 * window), a cancellation refunds its percentage and releases the rest, a mentor's no-show refunds
 * all, an expired session paid late is refunded, a cancelled enrollment is refunded.
 */
class EscrowTests {

    PaymentFleet fleet;

    Api api;

    @BeforeEach
    void fleet() {
        fleet = PaymentFleet.shared();
        fleet.normalBehaviour();
        api = fleet.api();
    }

    void meeting(String type, UUID sessionId, Map<String, Object> fields) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(fields);
        payload.put("session_id", sessionId.toString());
        fleet.publish("events.meetings", "meeting-service", type, sessionId, payload);
    }

    @Test
    void aCompletedSessionIsReleasedToTheMentorMinusTheFeeAndBecomesAvailableAfterTheWindow() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.paidSession(mentor, mentee, "500.00");
        meeting("SessionCompleted", sessionId, Map.of("mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString(),
                "actual_start", Instant.now().minusSeconds(3600).toString(), "actual_end", Instant.now().toString()));
        JsonNode released = fleet.awaitEvent(sessionId, "EscrowReleased");
        assertThat(released.path("amount").asString()).isEqualTo("450.00");
        assertThat(released.path("fee").asString()).isEqualTo("50.00");
        assertThat(released.path("mentor_id").asString()).isEqualTo(mentor.id().toString());
        JsonNode balance = api.get("/api/v1/payments/balance", mentor.token()).expect(200).body();
        assertThat(balance.path("in_escrow").asString()).isEqualTo("0.00");
        assertThat(balance.path("pending").asString()).isEqualTo("450.00");
        assertThat(balance.path("available").asString()).isEqualTo("0.00");
        assertThat(fleet.balance("platform_revenue:fees")).isGreaterThanOrEqualTo(5_000);

        // The dispute window passes (moved, not waited for): the maturity job makes it available.
        fleet.jdbc.sql("UPDATE earnings SET available_at = now() - interval '1 second' WHERE subject_id = ?").param(sessionId)
            .update();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/payments/balance", mentor.token()).body()
            .path("available").asString().equals("450.00"));
        assertThat(api.get("/api/v1/payments/balance", mentor.token()).body().path("pending").asString()).isEqualTo("0.00");
        // A second completion (a redelivered or repeated event) changes nothing.
        meeting("SessionCompleted", sessionId, Map.of("mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString()));
        UUID marker = fleet.paidSession(mentor, mentee, "100.00");
        assertThat(marker).isNotNull();
        assertThat(fleet.paymentEventTypes(sessionId).stream().filter("EscrowReleased"::equals).count()).isEqualTo(1);
    }

    @Test
    void aCancellationRefundsItsPercentageAndReleasesTheRest() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.paidSession(mentor, mentee, "500.00");
        meeting("SessionCancelled", sessionId, Map.of("mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString(),
                "cancelled_by", mentee.id().toString(), "cancelled_by_role", "mentee", "refund_percent", 50, "reason", "late",
                "was_paid", true));
        JsonNode refund = fleet.awaitEvent(sessionId, "RefundIssued");
        assertThat(refund.path("amount").asString()).isEqualTo("250.00");
        assertThat(refund.path("purpose").asString()).isEqualTo("session");
        JsonNode released = fleet.awaitEvent(sessionId, "EscrowReleased");
        assertThat(released.path("amount").asString()).isEqualTo("225.00");
        assertThat(released.path("fee").asString()).isEqualTo("25.00");
        assertThat(api.get("/api/v1/payments/balance", mentor.token()).body().path("available").asString()).isEqualTo("225.00");
        assertThat(api.get("/api/v1/payments/balance", mentee.token()).body().path("refunded").asString()).isEqualTo("250.00");
        assertThat(fleet.balance("escrow:" + sessionId)).isZero();
    }

    @Test
    void aMentorsNoShowRefundsEverything() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.paidSession(mentor, mentee, "400.00");
        meeting("SessionNoShow", sessionId, Map.of("mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString(),
                "no_show_party", "mentor", "reported_by", mentee.id().toString()));
        assertThat(fleet.awaitEvent(sessionId, "RefundIssued").path("amount").asString()).isEqualTo("400.00");
        assertThat(fleet.paymentEventTypes(sessionId)).doesNotContain("EscrowReleased");
        assertThat(api.get("/api/v1/payments/balance", mentor.token()).body().path("available").asString()).isEqualTo("0.00");
    }

    @Test
    void aPaymentThatArrivesAfterTheSessionExpiredIsRefunded() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(mentor, mentee, "300.00");
        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        meeting("SessionExpired", sessionId, Map.of("mentor_id", mentor.id().toString(), "mentee_id", mentee.id().toString(),
                "reason", "payment_timeout"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "expired".equals(fleet.jdbc
            .sql("SELECT status FROM session_copies WHERE session_id = ?").param(sessionId).query(String.class).single()));
        fleet.pay(payment.path("gateway_ref").asString(), "succeeded");
        assertThat(fleet.awaitEvent(sessionId, "RefundIssued").path("amount").asString()).isEqualTo("300.00");
        assertThat(fleet.paymentEventTypes(sessionId)).contains("PaymentSucceeded").doesNotContain("EscrowHeld");
        assertThat(fleet.balance("escrow:" + sessionId)).isZero();
    }

    @Test
    void aCourseEnrollmentIsHeldAndRefundedWhenCancelled() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID courseId = UUID.randomUUID();
        UUID enrollmentId = UUID.randomUUID();
        fleet.publish("events.lectures", "lecture-service", "EnrollmentRequested", enrollmentId, Map.of("enrollment_id",
                enrollmentId.toString(), "course_id", courseId.toString(), "mentee_id", mentee.id().toString(), "mentor_id",
                mentor.id().toString(), "price", Map.of("amount", "999.00", "currency", "INR")));
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.jdbc.sql("SELECT count(*) FROM enrollment_copies WHERE enrollment_id = ?")
            .param(enrollmentId).query(Long.class).single() == 1);
        JsonNode payment = api.post("/api/v1/payments/checkout", Map.of("enrollment_id", enrollmentId.toString(), "course_id",
                courseId.toString()), mentee.token()).expect(201).body();
        assertThat(payment.path("amount").path("amount").asString()).isEqualTo("999.00");
        fleet.pay(payment.path("gateway_ref").asString(), "succeeded");
        JsonNode succeeded = fleet.awaitEvent(enrollmentId, "PaymentSucceeded");
        assertThat(succeeded.path("purpose").asString()).isEqualTo("course");
        assertThat(succeeded.path("course_id").asString()).isEqualTo(courseId.toString());
        assertThat(succeeded.path("payer_id").asString()).isEqualTo(mentee.id().toString());
        fleet.publish("events.lectures", "lecture-service", "EnrollmentCancelled", enrollmentId, Map.of("enrollment_id",
                enrollmentId.toString(), "course_id", courseId.toString(), "mentee_id", mentee.id().toString(),
                "refund_percent", 100));
        JsonNode refund = fleet.awaitEvent(enrollmentId, "RefundIssued");
        assertThat(refund.path("purpose").asString()).isEqualTo("course");
        assertThat(refund.path("amount").asString()).isEqualTo("999.00");
        // Someone else's enrollment is not found.
        api.post("/api/v1/payments/checkout", Map.of("enrollment_id", enrollmentId.toString(), "course_id", courseId.toString()),
                fleet.mentee().token()).expectError(404, "NOT_FOUND");
    }
}
