package com.linkwithmentor.payment.payout;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
 * Where a mentor is paid: their primary active payment method, read from user-service at payout
 * time with payment-service's own credential ({@code users:read-payout-methods}); empty when they
 * have none (user-service's 404).
 */
@Component
class PayoutMethods {

    private final RestClient users;

    private final ServiceTokens tokens;

    private final CircuitBreaker breaker;

    PayoutMethods(RestClient.Builder builder, PaymentProperties properties, ServiceTokens tokens,
            CircuitBreakerFactory<?, ?> breakers) {
        PaymentProperties.Services services = properties.services();
        this.users = builder.clone().baseUrl(services.userUrl().toString())
            .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .build(HttpClientSettings.defaults().withTimeouts(services.connectTimeout(), services.timeout())))
            .build();
        this.tokens = tokens;
        this.breaker = breakers.create("user-service");
    }

    record PayoutMethod(UUID paymentMethodId, String provider, String address, String label) {
    }

    Optional<PayoutMethod> of(UUID mentorId) {
        @Nullable JsonNode method = breaker.run(() -> {
            try {
                return users.get().uri("/api/v1/users/{id}/payment-methods/payout-method", mentorId)
                    .header("Authorization", "Bearer " + tokens.bearer()).retrieve().body(JsonNode.class);
            }
            catch (HttpClientErrorException.NotFound ex) {
                return null;
            }
        }, failure -> {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The payout method cannot be read right now (user-service is unavailable); try again shortly",
                    java.util.Map.of("retry_after_seconds", 5));
        });
        if (method == null) {
            return Optional.empty();
        }
        return Optional.of(new PayoutMethod(UUID.fromString(method.path("payment_method_id").asString()),
                method.path("provider").asString("upi"), method.path("vpa_address").asString(), method.path("label").asString("")));
    }
}
