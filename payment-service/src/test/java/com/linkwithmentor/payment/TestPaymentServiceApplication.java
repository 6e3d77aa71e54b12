package com.linkwithmentor.payment;

import java.time.Duration;
import java.util.UUID;

/**
 * Runs payment-service alone from an IDE against the test servers, with the payment sandbox as its
 * own process (build it first: {@code ./mvnw -pl payment-sandbox package -DskipTests}) and prints a
 * mentee's and a mentor's tokens to try it with.
 */
public final class TestPaymentServiceApplication {

    private TestPaymentServiceApplication() {
    }

    public static void main(String[] args) {
        PaymentFleet fleet = PaymentFleet.shared();
        UUID mentee = UUID.randomUUID();
        UUID mentor = UUID.randomUUID();
        System.out.println("payment-service on http://localhost:" + fleet.port + ", sandbox on " + fleet.sandbox.url());
        System.out.println("mentee " + mentee + ": " + fleet.issuer.token(mentee, "mentee").lifetime(Duration.ofHours(8)).sign());
        System.out.println("mentor " + mentor + ": " + fleet.issuer.token(mentor, "mentor").lifetime(Duration.ofHours(8)).sign());
    }
}
