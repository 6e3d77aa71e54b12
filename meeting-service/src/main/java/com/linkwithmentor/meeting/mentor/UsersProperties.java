package com.linkwithmentor.meeting.mentor;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where user-service answers, how long a booking may wait for it, and its circuit breaker. */
@ConfigurationProperties("lwm.meeting.users")
public record UsersProperties(
        @DefaultValue("http://localhost:8081") URI url,
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
