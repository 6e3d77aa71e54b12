package com.linkwithmentor.chat.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import com.linkwithmentor.common.security.ServiceTokens;

import tools.jackson.databind.JsonNode;

/**
 * Asks moderation-service about a chat text, the design's graceful degradation built in: the call has
 * a short timeout and runs behind a circuit breaker, and any failure (unreachable, slow, 5xx, an
 * answer it could not read) yields a pending verdict instead of an error, so chat keeps working
 * when moderation does not. A 4xx means this request was wrong, not that moderation is down, so
 * it does not count against the breaker.
 */
@Component
public class ContentModeration {

    static final String BREAKER = "moderation";

    private static final Logger log = LoggerFactory.getLogger(ContentModeration.class);

    private final ModerationApi api;

    private final CircuitBreaker breaker;

    private final ServiceTokens serviceTokens;

    ContentModeration(ModerationApi api, CircuitBreakerFactory<?, ?> breakers, ServiceTokens serviceTokens) {
        this.api = api;
        this.breaker = breakers.create(BREAKER);
        this.serviceTokens = serviceTokens;
    }

    /** The verdict on a chat message's text as it is sent, asked with the sender's own access token. */
    public Verdict check(UUID contentId, UUID senderId, String text, String senderToken, UUID conversationId) {
        return judge(contentId, senderId, text, conversationId, () -> senderToken);
    }

    /**
     * The verdict on a message delivered as pending, asked later off the sender's thread with chat's
     * own service credential (scope {@code moderation:analyze}). No token to be had counts as
     * moderation being unreachable: the message stays pending.
     */
    public Verdict recheck(UUID contentId, UUID senderId, String text, UUID conversationId) {
        return judge(contentId, senderId, text, conversationId, serviceTokens::bearer);
    }

    private Verdict judge(UUID contentId, UUID senderId, String text, UUID conversationId, Supplier<String> token) {
        ModerationApi.AnalyzeRequest request = new ModerationApi.AnalyzeRequest(contentId, "message", senderId, text,
                Map.of("conversation_id", conversationId.toString()));
        return breaker.run(() -> verdict(api.analyze("Bearer " + token.get(), request)), failure -> {
            log.debug("Moderation unavailable for {}: {}", contentId, failure.toString());
            return Verdict.unanswered();
        });
    }

    private static Verdict verdict(ModerationApi.AnalyzeResponse response) {
        String decision = response.decision() != null ? response.decision().toLowerCase(Locale.ROOT) : "";
        ModerationStatus status = switch (decision) {
            case "allow" -> ModerationStatus.APPROVED;
            case "flag" -> ModerationStatus.FLAGGED;
            case "block" -> ModerationStatus.BLOCKED;
            default -> throw new IllegalStateException("moderation answered an unknown decision '" + decision + "'");
        };
        return new Verdict(status, categories(response.categories()), response.severity(), response.policyVersion(), true);
    }

    private static List<String> categories(List<JsonNode> nodes) {
        List<String> names = new ArrayList<>();
        if (nodes == null) {
            return names;
        }
        for (JsonNode node : nodes) {
            String name = node.isString() ? node.asString()
                    : node.path("category").isString() ? node.path("category").asString() : node.path("name").asString("");
            if (!name.isBlank() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The HTTP client (timeouts on connect and response) and the breaker's settings. */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        ModerationApi moderationApi(RestClient.Builder builder, ModerationProperties properties) {
            RestClient client = builder.clone()
                .baseUrl(properties.url().toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                    .withTimeouts(properties.connectTimeout(), properties.timeout())))
                .build();
            return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build()
                .createClient(ModerationApi.class);
        }

        @Bean
        Customizer<Resilience4JCircuitBreakerFactory> moderationBreaker(ModerationProperties properties) {
            ModerationProperties.CircuitBreaker settings = properties.circuitBreaker();
            return factory -> factory.configure(builder -> builder.circuitBreakerConfig(CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .ignoreExceptions(HttpClientErrorException.class)
                .build()), BREAKER);
        }
    }
}
