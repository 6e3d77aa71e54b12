package com.linkwithmentor.payment.provider;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Each adapter's address and credentials; the real ones are off unless switched on. */
final class ProviderSettings {

    private ProviderSettings() {
    }

    @ConfigurationProperties("lwm.payments.sandbox")
    record Sandbox(@DefaultValue("http://localhost:8095") String url, @DefaultValue("sandbox-key") String apiKey,
            @DefaultValue("sandbox-webhook-secret") String webhookSecret, @DefaultValue("5m") Duration signatureTolerance,
            @DefaultValue("500ms") Duration connectTimeout, @DefaultValue("3s") Duration timeout) {
    }

    @ConfigurationProperties("lwm.payments.razorpay")
    record Razorpay(@DefaultValue("false") boolean enabled, @DefaultValue("https://api.razorpay.com") String url,
            @DefaultValue("") String keyId, @DefaultValue("") String keySecret, @DefaultValue("") String webhookSecret,
            @DefaultValue("") String payoutAccountNumber, @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration timeout) {
    }

    @ConfigurationProperties("lwm.payments.stripe")
    record Stripe(@DefaultValue("false") boolean enabled, @DefaultValue("https://api.stripe.com") String url,
            @DefaultValue("") String secretKey, @DefaultValue("") String webhookSecret,
            @DefaultValue("5m") Duration signatureTolerance,
            @DefaultValue("http://localhost:8080/payments/done") String successUrl,
            @DefaultValue("http://localhost:8080/payments/cancelled") String cancelUrl,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration timeout) {
    }
}
