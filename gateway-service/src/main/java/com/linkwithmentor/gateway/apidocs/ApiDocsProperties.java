package com.linkwithmentor.gateway.apidocs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merged API document: how long one is served before the services are asked again
 * ({@code cache-for}; a document missing a service is retried sooner, after {@code retry-missing-after}),
 * and how long a service gets to answer.
 */
@ConfigurationProperties("lwm.gateway.api-docs")
public record ApiDocsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration cacheFor,
        @DefaultValue("5s") Duration retryMissingAfter, @DefaultValue("5s") Duration timeout) {
}
