package com.linkwithmentor.payment;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * payment-service's settings ({@code lwm.payments}): which provider takes payments, the service
 * fee (basis points, snapshotted on each payment at checkout), the dispute and course refund
 * windows, the currencies accepted, where providers send webhooks, the other services' addresses,
 * and the pace of the queue, the schedulers and the circuit breaker.
 */
@ConfigurationProperties("lwm.payments")
public record PaymentProperties(
        @DefaultValue("sandbox") String provider,
        @DefaultValue("1000") int serviceFeeBps,
        @DefaultValue("72h") Duration disputeWindow,
        @DefaultValue("7d") Duration courseRefundWindow,
        @DefaultValue("INR") List<String> currencies,
        @DefaultValue("") String webhookBaseUrl,
        @DefaultValue Services services,
        @DefaultValue Queue queue,
        @DefaultValue Earnings earnings,
        @DefaultValue Payouts payouts,
        @DefaultValue Subscriptions subscriptions,
        @DefaultValue Reconciliation reconciliation,
        @DefaultValue Idempotency idempotency,
        @DefaultValue CircuitBreaker circuitBreaker) {

    public record Services(@DefaultValue("http://localhost:8081") URI userUrl,
            @DefaultValue("http://localhost:8084") URI meetingUrl, @DefaultValue("http://localhost:8087") URI lectureUrl,
            @DefaultValue("500ms") Duration connectTimeout, @DefaultValue("2s") Duration timeout) {
    }

    /** The durable provider queue: how often it looks, and the back-off between attempts. */
    public record Queue(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("500ms") Duration firstBackoff,
            @DefaultValue("5m") Duration maxBackoff, @DefaultValue("50") int batch) {
    }

    public record Earnings(@DefaultValue("30s") Duration maturityInterval) {
    }

    public record Payouts(@DefaultValue("500.00") BigDecimal minimum, @DefaultValue("0 30 3 * * *") String schedule) {
    }

    public record Subscriptions(@DefaultValue("60s") Duration renewalInterval, @DefaultValue("1h") Duration retryBackoff,
            @DefaultValue("72h") Duration gracePeriod) {
    }

    public record Reconciliation(@DefaultValue("0 0 4 * * *") String schedule) {
    }

    public record Idempotency(@DefaultValue("48h") Duration retention, @DefaultValue("60s") Duration inProgressTimeout) {
    }

    public record CircuitBreaker(@DefaultValue("10") int slidingWindowSize, @DefaultValue("4") int minimumNumberOfCalls,
            @DefaultValue("50") float failureRateThreshold, @DefaultValue("10s") Duration waitInOpenState) {
    }
}
