package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Subscriptions: a mentor offers a plan, a mentee subscribes and pays the first charge through
 * checkout (setting up a mandate), renewals are charged on the mandate by the scheduler, a failed
 * renewal makes it past due and, after the grace period, cancelled; a cancellation runs to the
 * period's end. Each step is an event.
 */
class SubscriptionTests {

    PaymentFleet fleet;

    Api api;

    @BeforeEach
    void fleet() {
        fleet = PaymentFleet.shared();
        fleet.normalBehaviour();
        api = fleet.api();
    }

    UUID plan(PaymentFleet.User mentor, String amount) {
        return api.post("/api/v1/subscriptions/plans", Map.of("name", "Weekly mentoring", "interval", "weekly", "price",
                Map.of("amount", amount, "currency", "INR"), "sessions_included", 2), mentor.token()).expect(201).id("plan_id");
    }

    UUID activeSubscription(PaymentFleet.User mentor, PaymentFleet.User mentee, String amount) {
        UUID planId = plan(mentor, amount);
        JsonNode subscribed = api.postWithKey("/api/v1/subscriptions", Map.of("plan_id", planId.toString()), mentee.token(),
                UUID.randomUUID().toString()).expect(201).body();
        UUID subscriptionId = UUID.fromString(subscribed.path("subscription").path("subscription_id").asString());
        assertThat(subscribed.path("subscription").path("status").asString()).isEqualTo("incomplete");
        assertThat(subscribed.path("checkout").path("amount").path("amount").asString()).isEqualTo(amount);
        fleet.pay(subscribed.path("checkout").path("gateway_ref").asString(), "succeeded");
        fleet.awaitEvent(subscriptionId, "SubscriptionActivated");
        return subscriptionId;
    }

    void periodEnds(UUID subscriptionId) {
        fleet.jdbc.sql("UPDATE subscriptions SET end_date = now() - interval '1 second', next_renewal_at = now() - interval '1 second' "
                + "WHERE subscription_id = ?").param(subscriptionId).update();
    }

    String status(PaymentFleet.User user, UUID subscriptionId) {
        return api.get("/api/v1/subscriptions/" + subscriptionId, user.token()).expect(200).text("status");
    }

    @Test
    void aPlanIsOfferedWithValidPricesOnly() {
        PaymentFleet.User mentor = fleet.mentor();
        for (Object price : new Object[] { "-5.00", "0", "1.2345", "1e999999", "abc" }) {
            api.post("/api/v1/subscriptions/plans", Map.of("name", "P", "interval", "weekly", "price", Map.of("amount", price,
                    "currency", "INR"), "sessions_included", 1), mentor.token()).expectError(400, "VALIDATION_ERROR");
        }
        api.post("/api/v1/subscriptions/plans", Map.of("name", "P", "interval", "weekly", "price", Map.of("amount", "5.00",
                "currency", "JPY"), "sessions_included", 1), mentor.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/subscriptions/plans", Map.of("name", "P", "interval", "daily", "price", Map.of("amount", "5.00",
                "currency", "INR"), "sessions_included", 1), mentor.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/subscriptions/plans", Map.of("name", "P", "interval", "weekly", "price", Map.of("amount", "5.00",
                "currency", "INR"), "sessions_included", 1), fleet.mentee().token()).expectError(403, "FORBIDDEN");
        UUID planId = plan(mentor, "1500.00");
        assertThat(api.get("/api/v1/subscriptions/plans?mentor_id=" + mentor.id(), fleet.mentee().token()).expect(200).body()
            .findValuesAsString("plan_id")).containsExactly(planId.toString());
    }

    @Test
    void aSubscriptionActivatesRenewsOnItsMandateAndCancelsAtPeriodEnd() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID subscriptionId = activeSubscription(mentor, mentee, "1000.00");
        assertThat(status(mentee, subscriptionId)).isEqualTo("active");
        api.get("/api/v1/subscriptions/" + subscriptionId, fleet.mentee().token()).expectError(404, "NOT_FOUND");
        assertThat(api.get("/api/v1/subscriptions", mentor.token()).expect(200).body().findValuesAsString("subscription_id"))
            .contains(subscriptionId.toString());

        periodEnds(subscriptionId);
        JsonNode renewed = fleet.awaitEvent(subscriptionId, "SubscriptionRenewed");
        assertThat(renewed.path("mentor_id").asString()).isEqualTo(mentor.id().toString());
        assertThat(fleet.paymentEventTypes(subscriptionId).stream().filter("PaymentSucceeded"::equals).count()).isEqualTo(2);
        assertThat(api.get("/api/v1/payments/balance", mentor.token()).body().path("pending").asString()).isEqualTo("1800.00");

        JsonNode cancelled = api.post("/api/v1/subscriptions/" + subscriptionId + "/cancel", Map.of(), mentee.token()).expect(200)
            .body();
        assertThat(cancelled.path("status").asString()).isEqualTo("active");
        assertThat(cancelled.path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(cancelled.path("auto_renew").asBoolean()).isFalse();
        periodEnds(subscriptionId);
        JsonNode ended = fleet.awaitEvent(subscriptionId, "SubscriptionCancelled");
        assertThat(ended.path("reason").asString()).isEqualTo("cancelled_by_mentee");
        assertThat(status(mentee, subscriptionId)).isEqualTo("cancelled");
        assertThat(fleet.paymentEventTypes(subscriptionId).stream().filter("PaymentSucceeded"::equals).count()).isEqualTo(2);
    }

    @Test
    void aFailingRenewalIsPastDueThenCancelledAfterTheGracePeriod() {
        PaymentFleet.User mentor = fleet.mentor();
        PaymentFleet.User mentee = fleet.mentee();
        UUID subscriptionId = activeSubscription(mentor, mentee, "700.00");
        fleet.behave(Map.of("mandate_outcome", "failed"));
        periodEnds(subscriptionId);
        fleet.awaitEvent(subscriptionId, "SubscriptionPastDue");
        JsonNode cancelled = fleet.awaitEvent(subscriptionId, "SubscriptionCancelled");
        assertThat(cancelled.path("reason").asString()).isEqualTo("payment_failed");
        assertThat(fleet.paymentEventTypes(subscriptionId)).contains("PaymentFailed");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(mentee, subscriptionId).equals("cancelled"));
    }
}
