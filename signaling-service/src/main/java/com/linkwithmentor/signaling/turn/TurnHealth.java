package com.linkwithmentor.signaling.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whether TURN can be offered: a STUN binding request to each TURN server every
 * {@code health-interval}, run through a circuit breaker. Two failures in the last four checks
 * open it (TURN is down: answers are STUN-only and marked degraded); after a wait it lets checks
 * through again and closes on success. Without a TURN server configured, TURN is never available.
 */
@Component
public class TurnHealth {

    private static final Logger log = LoggerFactory.getLogger(TurnHealth.class);

    private final TurnProperties properties;

    private final List<InetSocketAddress> servers;

    private final CircuitBreaker breaker;

    TurnHealth(TurnProperties properties) {
        this.properties = properties;
        this.servers = addresses(properties.urls());
        this.breaker = CircuitBreaker.of("turn", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(4)
            .minimumNumberOfCalls(2)
            .failureRateThreshold(50)
            .waitDurationInOpenState(properties.healthInterval().multipliedBy(2))
            .permittedNumberOfCallsInHalfOpenState(1)
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .build());
        breaker.getEventPublisher().onStateTransition(event -> log.info("TURN health: {}", event.getStateTransition()));
    }

    /** TURN may be handed out: configured, and its breaker lets calls through. */
    public boolean available() {
        return !servers.isEmpty() && breaker.getState() != CircuitBreaker.State.OPEN
                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** Counts a failure seen elsewhere (e.g. writing a credential), so a broken user database degrades too. */
    void failed(Throwable failure) {
        breaker.onError(0, java.util.concurrent.TimeUnit.NANOSECONDS, failure);
    }

    @Scheduled(fixedDelayString = "${lwm.signaling.turn.health-interval:5s}", initialDelay = 0)
    void check() {
        if (servers.isEmpty() || !breaker.tryAcquirePermission()) {
            return;
        }
        long start = System.nanoTime();
        try {
            for (InetSocketAddress server : servers) {
                StunBinding.check(server, properties.healthTimeout());
            }
            breaker.onSuccess(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        catch (IOException ex) {
            log.debug("TURN health check failed: {}", ex.getMessage());
            breaker.onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, new UncheckedIOException(ex));
        }
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** {@code turn:host:port?transport=udp} → host:port (3478 by default); {@code turns:} servers are not probed over UDP. */
    static List<InetSocketAddress> addresses(List<String> urls) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String url : urls) {
            if (!url.startsWith("turn:")) {
                continue;
            }
            URI uri = URI.create("turn://" + url.substring("turn:".length()).replaceFirst("\\?.*$", ""));
            InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 3478);
            if (!addresses.contains(address)) {
                addresses.add(address);
            }
        }
        return addresses;
    }
}
