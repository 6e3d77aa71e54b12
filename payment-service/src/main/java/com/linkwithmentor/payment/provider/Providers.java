package com.linkwithmentor.payment.provider;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import com.linkwithmentor.payment.PaymentProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * The providers switched on (the sandbox always; Razorpay and Stripe by configuration), each
 * behind its own circuit breaker: while a provider keeps failing, calls fail fast as
 * "unavailable" and the queue retries them later. A rejection (4xx) does not trip the breaker.
 */
@Component
public class Providers {

    private final Map<String, PaymentProvider> providers;

    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();

    private final String primary;

    Providers(List<PaymentProvider> providers, CircuitBreakerFactory<?, ?> breakerFactory, PaymentProperties properties) {
        this.providers = new LinkedHashMap<>();
        providers.forEach(provider -> {
            this.providers.put(provider.name(), provider);
            breakers.put(provider.name(), breakerFactory.create("provider-" + provider.name()));
        });
        if (!this.providers.containsKey(properties.provider())) {
            throw new IllegalStateException("lwm.payments.provider=" + properties.provider() + " is not switched on; on: "
                    + this.providers.keySet());
        }
        this.primary = properties.provider();
    }

    /** The provider new payments and payouts go to. */
    public String primary() {
        return primary;
    }

    public Optional<PaymentProvider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** Calls the provider through its breaker; an open breaker is "unavailable" at once. */
    public <T> T call(String name, Function<PaymentProvider, T> call) {
        PaymentProvider provider = providers.get(name);
        if (provider == null) {
            throw new ProviderRejectedException("Provider " + name + " is not switched on");
        }
        return breakers.get(name).run(() -> call.apply(provider), failure -> {
            if (failure instanceof ProviderRejectedException rejected) {
                throw rejected;
            }
            if (failure instanceof ProviderUnavailableException unavailable) {
                throw unavailable;
            }
            throw new ProviderUnavailableException(name + " is unavailable: " + failure, failure);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ ProviderSettings.Sandbox.class, ProviderSettings.Razorpay.class, ProviderSettings.Stripe.class })
    static class Wiring {

        @Bean
        SandboxProvider sandboxProvider(RestClient.Builder builder, ProviderSettings.Sandbox settings, JsonMapper json,
                Clock clock) {
            return new SandboxProvider(builder, settings, json, clock);
        }

        @Bean
        @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty("lwm.payments.razorpay.enabled")
        RazorpayProvider razorpayProvider(RestClient.Builder builder, ProviderSettings.Razorpay settings, JsonMapper json) {
            return new RazorpayProvider(builder, settings, json);
        }

        @Bean
        @org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty("lwm.payments.stripe.enabled")
        StripeProvider stripeProvider(RestClient.Builder builder, ProviderSettings.Stripe settings, JsonMapper json, Clock clock) {
            return new StripeProvider(builder, settings, json, clock);
        }

        @Bean
        Customizer<Resilience4JCircuitBreakerFactory> providerBreakers(PaymentProperties properties) {
            PaymentProperties.CircuitBreaker settings = properties.circuitBreaker();
            return factory -> factory.configureDefault(id -> new org.springframework.cloud.circuitbreaker.resilience4j
                .Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                    .slidingWindowSize(settings.slidingWindowSize())
                    .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                    .failureRateThreshold(settings.failureRateThreshold())
                    .waitDurationInOpenState(settings.waitInOpenState())
                    .permittedNumberOfCallsInHalfOpenState(2)
                    .automaticTransitionFromOpenToHalfOpenEnabled(true)
                    .ignoreExceptions(ProviderRejectedException.class)
                    .build())
                .build());
        }
    }
}
