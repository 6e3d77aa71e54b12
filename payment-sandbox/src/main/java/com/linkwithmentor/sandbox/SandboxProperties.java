package com.linkwithmentor.sandbox;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The sandbox's credentials, where it sends webhooks by default, and how it paces itself. */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
        @DefaultValue("sandbox-key") String apiKey,
        @DefaultValue("sandbox-webhook-secret") String webhookSecret,
        @DefaultValue("http://localhost:8085/api/v1/payments/webhooks/sandbox") URI webhookUrl,
        @DefaultValue("linkwithmentor@sandbox") String merchantVpa,
        @DefaultValue("LinkWithMentor") String merchantName,
        @DefaultValue("http://localhost:8095") String publicUrl,
        @DefaultValue("50ms") Duration settleDelay,
        @DefaultValue("12") int webhookAttempts,
        @DefaultValue("2s") Duration webhookTimeout) {
}
