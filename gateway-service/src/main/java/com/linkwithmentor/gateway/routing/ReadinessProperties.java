package com.linkwithmentor.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Active health: how often each configured instance's readiness probe is asked, and how long it
 * may take. An instance that says it is not ready (503, as a service does the moment it is told to
 * stop) or refuses the connection gets no new requests; one that says ready gets them again at once.
 */
@ConfigurationProperties("lwm.gateway.readiness")
public record ReadinessProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
        @DefaultValue("1s") Duration timeout, @DefaultValue("/actuator/health/readiness") String path) {
}
