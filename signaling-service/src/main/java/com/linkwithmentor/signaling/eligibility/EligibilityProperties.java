package com.linkwithmentor.signaling.eligibility;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where meeting-service and chat-service answer, and how long a call set-up waits for them. While
 * a breaker is open the answer is a fast 503: nobody is rung on a guess.
 */
@ConfigurationProperties("lwm.signaling.eligibility")
public record EligibilityProperties(
        @DefaultValue("http://localhost:8084") URI meetingUrl,
        @DefaultValue("http://localhost:8082") URI chatUrl,
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
