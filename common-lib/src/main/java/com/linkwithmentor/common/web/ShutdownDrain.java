package com.linkwithmentor.common.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first step of a rolling restart. On SIGTERM Boot marks the service not ready (readiness
 * probe 503) and then stops its lifecycles; this one stops just before the web server's graceful
 * shutdown and holds it for {@code lwm.shutdown.drain-delay}. Meanwhile every request is still
 * served, each response says {@code Connection: close} so load balancers drop their pooled
 * connections, and a balancer that polls readiness (the gateway, a Kubernetes Service) has time to
 * stop sending. Only then does Tomcat refuse new connections and finish the in-flight requests.
 * Behind Kubernetes a preStop pause does the same job and the delay can stay 0.
 */
public class ShutdownDrain extends OncePerRequestFilter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration delay;

    private volatile boolean running;

    private volatile boolean draining;

    public ShutdownDrain(Duration delay) {
        this.delay = delay;
    }

    public boolean isDraining() {
        return draining;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (draining) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        running = false;
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        log.info("Shutting down: not ready; still serving for {} ms so load balancers can stop sending", delay.toMillis());
        try {
            Thread.sleep(delay);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
