package com.linkwithmentor.gateway.routing;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;

import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request that failed: a fast 503 when the service is
 * down, too slow or its breaker open; the client's own error status when the client caused it.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final ApiErrorResponses errors;

    FallbackController(ApiErrorResponses errors) {
        this.errors = errors;
    }

    @RequestMapping("/__fallback/{service}")
    Mono<Void> unavailable(@PathVariable("service") String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
            // The client's fault (a body over the limit...): its own answer, not "service unavailable".
            return errors.write(exchange, status.getStatusCode(), ApiErrorResponses.codeFor(status.getStatusCode()),
                    status.getReason() != null ? status.getReason() : ApiErrorResponses.messageFor(status.getStatusCode()), null);
        }
        if (cause != null && !(cause instanceof CallNotPermittedException)) {
            log.debug("{} failed: {}", service, cause.toString());
        }
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return errors.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                "The " + service + " is unavailable right now; try again shortly", Map.of("service", service));
    }
}
