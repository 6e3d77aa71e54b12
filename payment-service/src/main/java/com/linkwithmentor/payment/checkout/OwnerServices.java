package com.linkwithmentor.payment.checkout;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.ServiceTokens;
import com.linkwithmentor.payment.PaymentProperties;

import tools.jackson.databind.JsonNode;

/**
 * Asks the service that owns a session or an enrollment for it when no event copy is here yet
 * (the booking event may still be on its way), with payment-service's own credential:
 * {@code GET /api/v1/sessions/{id}} (scope {@code meetings:read-sessions}) and
 * {@code GET /api/v1/courses/{course_id}/enrollments/{id}} ({@code lectures:read-courses}). Timeouts
 * and a breaker on each; an owner that cannot answer makes checkout a 503 to retry, never a guess.
 */
@Component
class OwnerServices {

    private static final Logger log = LoggerFactory.getLogger(OwnerServices.class);

    private final RestClient meetings;

    private final RestClient lectures;

    private final ServiceTokens tokens;

    private final CircuitBreaker meetingBreaker;

    private final CircuitBreaker lectureBreaker;

    OwnerServices(RestClient.Builder builder, PaymentProperties properties, ServiceTokens tokens,
            CircuitBreakerFactory<?, ?> breakers) {
        PaymentProperties.Services services = properties.services();
        HttpClientSettings settings = HttpClientSettings.defaults().withTimeouts(services.connectTimeout(), services.timeout());
        this.meetings = builder.clone().baseUrl(services.meetingUrl().toString())
            .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings)).build();
        this.lectures = builder.clone().baseUrl(services.lectureUrl().toString())
            .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings)).build();
        this.tokens = tokens;
        this.meetingBreaker = breakers.create("meeting-service");
        this.lectureBreaker = breakers.create("lecture-service");
    }

    record Priced(UUID mentorId, UUID menteeId, String status, BigDecimal amount, String currency) {
    }

    Optional<Priced> session(UUID sessionId) {
        return fetch("meeting-service", meetingBreaker,
                () -> meetings.get().uri("/api/v1/sessions/{id}", sessionId).header("Authorization", "Bearer " + tokens.bearer())
                    .retrieve().body(JsonNode.class));
    }

    Optional<Priced> enrollment(UUID courseId, UUID enrollmentId) {
        return fetch("lecture-service", lectureBreaker, () -> lectures.get()
            .uri("/api/v1/courses/{course}/enrollments/{id}", courseId, enrollmentId)
            .header("Authorization", "Bearer " + tokens.bearer()).retrieve().body(JsonNode.class));
    }

    private Optional<Priced> fetch(String service, CircuitBreaker breaker, java.util.function.Supplier<@Nullable JsonNode> call) {
        JsonNode body = breaker.run(() -> {
            try {
                return call.get();
            }
            catch (HttpClientErrorException.NotFound ex) {
                return null;
            }
        }, failure -> {
            log.warn("{} could not be asked: {}", service, failure.toString());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, service + " is unavailable right now; try again shortly",
                    java.util.Map.of("retry_after_seconds", 5));
        });
        if (body == null) {
            return Optional.empty();
        }
        try {
            JsonNode price = body.path("price");
            return Optional.of(new Priced(UUID.fromString(body.path("mentor_id").asString()),
                    UUID.fromString(body.path("mentee_id").asString()), body.path("status").asString(""),
                    new BigDecimal(price.path("amount").asString("0")), price.path("currency").asString("INR")));
        }
        catch (RuntimeException ex) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, service + " gave an answer payment-service could not read");
        }
    }
}
