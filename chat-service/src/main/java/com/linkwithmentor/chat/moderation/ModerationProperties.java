package com.linkwithmentor.chat.moderation;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where moderation-service answers and how long a message may wait for it: a chat message is
 * delayed by at most the timeout, and while the breaker is open not at all (it goes out marked
 * pending and is checked again every {@code recheck-interval}).
 */
@ConfigurationProperties("lwm.chat.moderation")
public record ModerationProperties(
        @DefaultValue("http://localhost:8086") URI url,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("300ms") Duration timeout,
        @DefaultValue("30s") Duration recheckInterval,
        @DefaultValue("50") int recheckBatch,
        @DefaultValue CircuitBreaker circuitBreaker) {

    public record CircuitBreaker(
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10s") Duration waitInOpenState) {
    }
}
