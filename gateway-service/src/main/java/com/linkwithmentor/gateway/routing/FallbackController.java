package com.linkwithmentor.gateway.routing;

import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;

import reactor.core.publisher.Mono;

/** Where a route's circuit breaker sends a request whose service is down or too slow: a fast 503. */
@RestController
class FallbackController {

    private final ApiErrorResponses errors;

    FallbackController(ApiErrorResponses errors) {
        this.errors = errors;
    }

    @RequestMapping("/__fallback/{service}")
    Mono<Void> unavailable(@PathVariable("service") String service, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return errors.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                "The " + service + " is unavailable right now; try again shortly", Map.of("service", service));
    }
}
