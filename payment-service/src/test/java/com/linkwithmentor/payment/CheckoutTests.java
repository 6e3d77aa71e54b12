package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.ApiClient.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Checkout for a booked session: the amount comes from meeting-service (its event, or a call with
 * payment-service's credential), the answer is a UPI intent with its QR code, the payer's
 * confirmation holds the money in escrow and tells meeting-service; bad requests change nothing.
 */
class CheckoutTests {

    PaymentFleet fleet;

    Api api;

    @BeforeEach
    void fleet() {
        fleet = PaymentFleet.shared();
        fleet.normalBehaviour();
        api = fleet.api();
    }

    @Test
    void aPaidCheckoutHoldsTheSessionsMoneyInEscrowAndSaysSo() throws Exception {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(mentor, mentee, "500.00");

        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        assertThat(payment.path("status").asString()).isEqualTo("pending");
        assertThat(payment.path("amount").path("amount").asString()).isEqualTo("500.00");
        assertThat(payment.path("amount").path("currency").asString()).isEqualTo("INR");
        String gatewayRef = payment.path("gateway_ref").asString();
        JsonNode next = payment.path("next_action");
        assertThat(next.path("type").asString()).isEqualTo("upi_intent");
        String upi = next.path("upi_uri").asString();
        assertThat(upi).startsWith("upi://pay?pa=").contains("&pn=", "&am=500.00", "&tr=" + gatewayRef, "&cu=INR");
        BufferedImage qr = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(next.path("qr_png_base64").asString())));
        assertThat(com.linkwithmentor.payment.checkout.UpiQrTests.read(qr)).isEqualTo(upi);

        // A second checkout while it is pending is the same payment.
        assertThat(api.checkout(mentee, sessionId).expect(200).text("tx_id")).isEqualTo(payment.path("tx_id").asString());

        fleet.pay(gatewayRef, "succeeded");
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.paymentEventTypes(sessionId).contains("EscrowHeld"));
        JsonNode held = fleet.paymentEvents(sessionId).stream().filter(e -> e.path("type").asString().equals("EscrowHeld"))
            .findFirst().orElseThrow().path("payload");
        assertThat(held.path("amount").asString()).isEqualTo("500.00");
        assertThat(held.path("currency").asString()).isEqualTo("INR");
        assertThat(held.path("tx_id").asString()).isEqualTo(payment.path("tx_id").asString());
        assertThat(held.path("gateway_ref").asString()).isEqualTo(gatewayRef);
        assertThat(fleet.paymentEventTypes(sessionId)).contains("PaymentSucceeded");
        assertThat(fleet.balance("escrow:" + sessionId)).isEqualTo(50_000);

        JsonNode tx = api.get("/api/v1/payments/transactions/" + payment.path("tx_id").asString(), mentee.token()).expect(200).body();
        assertThat(tx.path("status").asString()).isEqualTo("succeeded");
        assertThat(tx.path("service_fee").path("amount").asString()).isEqualTo("50.00");
        api.get("/api/v1/payments/transactions/" + payment.path("tx_id").asString(), fleet.mentee().token())
            .expectError(404, "NOT_FOUND");
        JsonNode mine = api.get("/api/v1/payments/transactions", mentee.token()).expect(200).body();
        assertThat(mine.path("items").findValuesAsString("transaction_type")).contains("payment", "escrow_hold");
        JsonNode balance = api.get("/api/v1/payments/balance", mentee.token()).expect(200).body();
        assertThat(balance.path("paid").asString()).isEqualTo("500.00");
        assertThat(balance.path("refunded").asString()).isEqualTo("0.00");
        JsonNode mentorBalance = api.get("/api/v1/payments/balance", mentor.token()).expect(200).body();
        assertThat(mentorBalance.path("in_escrow").asString()).isEqualTo("500.00");
        api.checkout(mentee, sessionId).expectError(409, "CONFLICT");
    }

    @Test
    void withoutAnEventCopyTheSessionIsAskedOfMeetingServiceWithPaymentsOwnCredential() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = UUID.randomUUID();
        fleet.owners.session(sessionId, mentor.id(), mentee.id(), "750.00", "pending_payment");
        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        assertThat(payment.path("amount").path("amount").asString()).isEqualTo("750.00");
        String bearer = fleet.owners.authorizations.get(fleet.owners.authorizations.size() - 1);
        assertThat(bearer).startsWith("Bearer ");
        String claims = new String(Base64.getUrlDecoder().decode(bearer.substring(7).split("\\.")[1]));
        assertThat(claims).contains("\"sub\":\"payment-service\"", "meetings:read-sessions");
        // Unknown to meeting-service too: 404.
        api.checkout(mentee, UUID.randomUUID()).expectError(404, "NOT_FOUND");
    }

    @Test
    void badCheckoutsAreClearErrorsAndWriteNothing() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(mentor, mentee, "300.00");
        long before = fleet.jdbc.sql("SELECT count(*) FROM transactions").query(Long.class).single();

        api.checkout(fleet.mentee(), sessionId).expectError(404, "NOT_FOUND");
        api.checkout(fleet.as(mentee, "mentor"), sessionId).expectError(403, "FORBIDDEN");
        api.post("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString(), "subscription_id",
                UUID.randomUUID().toString()), mentee.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/payments/checkout", Map.of(), mentee.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/payments/checkout", Map.of("session_id", "not-a-uuid"), mentee.token()).expectFieldError("session_id");
        api.post("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString(), "method", "cash"), mentee.token())
            .expectFieldError("method");
        api.post("/api/v1/payments/checkout", "{\"session_id\": \"" + sessionId + "\"", mentee.token())
            .expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/payments/checkout", "{\"session_id\": \"\\u0000\"}", mentee.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString()), null).expectError(401, "UNAUTHORIZED");
        api.post("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString()),
                fleet.issuer.serviceToken("lecture-service", "payments:read-payments").sign()).expectError(403, "FORBIDDEN");

        UUID free = fleet.bookSession(mentor, mentee, "0.00");
        api.checkout(mentee, free).expectError(409, "CONFLICT");
        UUID scheduled = UUID.randomUUID();
        fleet.owners.session(scheduled, mentor.id(), mentee.id(), "100.00", "scheduled");
        api.checkout(mentee, scheduled).expectError(409, "CONFLICT");
        UUID yen = UUID.randomUUID();
        fleet.owners.session(yen, mentor.id(), mentee.id(), "100.00", "pending_payment");
        assertThat(fleet.jdbc.sql("SELECT count(*) FROM transactions").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() throws Exception {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(mentor, mentee, "200.00");
        String key = UUID.randomUUID().toString();
        Reply first = api.postWithKey("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString()), mentee.token(), key)
            .expect(201);
        Reply again = api.postWithKey("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString()), mentee.token(), key)
            .expect(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.text("tx_id")).isEqualTo(first.text("tx_id"));
        api.postWithKey("/api/v1/payments/checkout", Map.of("session_id", UUID.randomUUID().toString()), mentee.token(), key)
            .expectError(422, "UNPROCESSABLE");
        // An error is kept too: the same key and body gets the same 404 again.
        String other = UUID.randomUUID().toString();
        Map<String, String> unknown = Map.of("session_id", UUID.randomUUID().toString());
        api.postWithKey("/api/v1/payments/checkout", unknown, mentee.token(), other).expectError(404, "NOT_FOUND");
        Reply replayedError = api.postWithKey("/api/v1/payments/checkout", unknown, mentee.token(), other);
        replayedError.expectError(404, "NOT_FOUND");
        assertThat(replayedError.header("Idempotent-Replayed")).isEqualTo("true");
        api.postWithKey("/api/v1/payments/checkout", Map.of("session_id", sessionId.toString()), mentee.token(), "bad key\u00e9")
            .expectError(400, "VALIDATION_ERROR");

        // Concurrent first requests with one key: one payment.
        UUID concurrent = fleet.bookSession(mentor, mentee, "210.00");
        String shared = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<Reply> call = () -> api.postWithKey("/api/v1/payments/checkout", Map.of("session_id", concurrent.toString()),
                    mentee.token(), shared);
            replies.add(pool.submit(call));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();
        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        assertThat(fleet.jdbc.sql("SELECT count(*) FROM transactions WHERE session_id = ? AND transaction_type = 'payment'")
            .param(concurrent).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentFailsAndTellsMeetingService() {
        PaymentFleet.User mentee = fleet.mentee();
        UUID sessionId = fleet.bookSession(fleet.mentor(), mentee, "120.00");
        JsonNode payment = api.checkout(mentee, sessionId).expect(201).body();
        fleet.pay(payment.path("gateway_ref").asString(), "failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.paymentEventTypes(sessionId).contains("PaymentFailed"));
        JsonNode failed = fleet.paymentEvents(sessionId).get(0).path("payload");
        assertThat(failed.path("purpose").asString()).isEqualTo("session");
        assertThat(failed.path("session_id").asString()).isEqualTo(sessionId.toString());
        assertThat(fleet.balance("escrow:" + sessionId)).isZero();
        // A new checkout may follow a failed one.
        assertThat(api.checkout(mentee, sessionId).expect(201).text("tx_id")).isNotEqualTo(payment.path("tx_id").asString());
    }
}
