package com.linkwithmentor.lecture.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.jspecify.annotations.Nullable;
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

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

import tools.jackson.databind.JsonNode;

/**
 * The check that course and lecture text must pass before anyone but its mentor sees it. Unlike
 * chat there is no "deliver as pending": publishing waits for a verdict, so when moderation is
 * unreachable (timeout, 5xx, breaker open) the publish is refused with a 503 and Retry-After, and
 * nothing about the course changes. A block is a 422 naming the categories; a flag publishes (the
 * text is in moderation's review queue, and a reviewer's verdict acts on it there).
 */
@Component
public class TextModeration {

    static final String BREAKER = "moderation";

    private static final Logger log = LoggerFactory.getLogger(TextModeration.class);

    private final ModerationApi api;

    private final CircuitBreaker breaker;

    TextModeration(ModerationApi api, CircuitBreakerFactory<?, ?> breakers) {
        this.api = api;
        this.breaker = breakers.create(BREAKER);
    }

    /** One text to judge: what it is ({@code course:<id>} / {@code lecture:<id>}) and the words. */
    public record Text(String contentId, String text) {
    }

    /**
     * Judges each text as its author's (with the author's own access token); returns normally when
     * every text may be published.
     */
    public void requirePublishable(UUID authorId, String bearerToken, List<Text> texts) {
        for (Text text : texts) {
            if (text.text().isBlank()) {
                continue;
            }
            ModerationApi.AnalyzeResponse verdict = breaker.run(
                    () -> api.analyze("Bearer " + bearerToken, new ModerationApi.AnalyzeRequest(text.contentId(), "lecture",
                            authorId, text.text())),
                    failure -> {
                        if (failure instanceof HttpClientErrorException client) {
                            log.warn("moderation refused the analyze request for {}: {}", text.contentId(), client.getStatusCode());
                        }
                        else {
                            log.info("moderation unavailable for {}: {}", text.contentId(), failure.toString());
                        }
                        return null;
                    });
            if (verdict == null || verdict.decision() == null) {
                throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Publishing needs a moderation check, which cannot be made right now; try again shortly",
                        Map.of("retry_after_seconds", 10));
            }
            if ("block".equals(verdict.decision().toLowerCase(Locale.ROOT))) {
                List<String> categories = categories(verdict.categories());
                throw new ApiException(ErrorCode.UNPROCESSABLE,
                        "The text breaks our content policy" + (categories.isEmpty() ? "" : " (" + String.join(", ", categories) + ")")
                                + " and cannot be published; change it and try again",
                        Map.of("content_id", text.contentId(), "categories", categories,
                                "severity", verdict.severity() != null ? verdict.severity() : "unknown"));
            }
        }
    }

    /**
     * Files a report on a lecture with moderation-service, as the reporter (their token); the
     * lecture's mentor is whose content it is. Moderation's answer (201/200 with the report view,
     * or its 4xx ApiError) is returned as it came.
     */
    public Reply report(String bearerToken, UUID lectureId, UUID mentorId, String reason, @Nullable String details) {
        try {
            JsonNode body = api.report("Bearer " + bearerToken,
                    new ModerationApi.ReportRequest("lecture", lectureId.toString(), mentorId, reason, details));
            return new Reply(201, body);
        }
        catch (HttpClientErrorException ex) {
            JsonNode body = ex.getResponseBodyAs(JsonNode.class);
            return new Reply(ex.getStatusCode().value(), body);
        }
        catch (RuntimeException ex) {
            log.info("moderation unavailable for a report on {}: {}", lectureId, ex.toString());
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Reports cannot be filed right now; try again shortly",
                    Map.of("retry_after_seconds", 10));
        }
    }

    public record Reply(int status, @Nullable JsonNode body) {
    }

    private static List<String> categories(@Nullable List<JsonNode> nodes) {
        List<String> names = new ArrayList<>();
        if (nodes != null) {
            for (JsonNode node : nodes) {
                String name = node.isString() ? node.asString() : node.path("category").asString("");
                if (!name.isBlank() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

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
