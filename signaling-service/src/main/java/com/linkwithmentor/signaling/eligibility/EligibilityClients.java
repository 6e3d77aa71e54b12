package com.linkwithmentor.signaling.eligibility;

import java.util.List;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import com.linkwithmentor.common.error.ApiException;

/** The two HTTP interface clients (timeouts on connect and response) and their breakers' settings. */
@Configuration(proxyBeanMethods = false)
class EligibilityClients {

    static final String MEETING_BREAKER = "meeting";

    static final String CHAT_BREAKER = "chat";

    /** meeting-service: a session, read with the caller's own token (participants only, others 404). */
    interface MeetingApi {

        @GetExchange("/api/v1/sessions/{session_id}")
        SessionView session(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                @PathVariable("session_id") UUID sessionId);
    }

    /** chat-service: the conversations all the given users are active members of (scope chat:read-conversations). */
    interface ChatApi {

        @GetExchange("/api/v1/conversations/shared")
        Shared shared(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                @RequestParam("user_ids") List<UUID> userIds);

        record Shared(@Nullable List<UUID> conversationIds) {
        }
    }

    @Bean
    MeetingApi meetingApi(RestClient.Builder builder, EligibilityProperties properties) {
        return client(builder, properties, properties.meetingUrl().toString(), MeetingApi.class);
    }

    @Bean
    ChatApi chatApi(RestClient.Builder builder, EligibilityProperties properties) {
        return client(builder, properties, properties.chatUrl().toString(), ChatApi.class);
    }

    private static <T> T client(RestClient.Builder builder, EligibilityProperties properties, String url, Class<T> type) {
        RestClient client = builder.clone()
            .baseUrl(url)
            .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withTimeouts(properties.connectTimeout(), properties.timeout())))
            .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(type);
    }

    /** A 4xx (and the 404 made of it) is this request's answer (not a participant, no such session), not an outage. */
    @Bean
    Customizer<Resilience4JCircuitBreakerFactory> eligibilityBreakers(EligibilityProperties properties) {
        EligibilityProperties.CircuitBreaker settings = properties.circuitBreaker();
        return factory -> factory.configure(builder -> builder.circuitBreakerConfig(CircuitBreakerConfig.custom()
            .slidingWindowSize(settings.slidingWindowSize())
            .minimumNumberOfCalls(settings.minimumNumberOfCalls())
            .failureRateThreshold(settings.failureRateThreshold())
            .waitDurationInOpenState(settings.waitInOpenState())
            .permittedNumberOfCallsInHalfOpenState(2)
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .ignoreExceptions(HttpClientErrorException.class, ApiException.class)
            .build()), MEETING_BREAKER, CHAT_BREAKER);
    }
}
