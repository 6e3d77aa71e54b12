package com.linkwithmentor.lecture.moderation;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where moderation-service answers, how long a publish waits for it, and when its breaker opens. */
@ConfigurationProperties("lwm.lectures.moderation")
public record ModerationProperties(
        @DefaultValue("http://localhost:8086") URI url,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue CircuitBreaker circuitBreaker) {

    public record CircuitBreaker(
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10s") Duration waitInOpenState) {
    }
}
