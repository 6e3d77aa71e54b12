package com.linkwithmentor.gateway.edge;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every error leaving the gateway carries the ApiError body, whoever produced it: a backend's
 * error in anything but JSON (Tomcat's HTML "HTTP Status 400" page for a path it refuses, an empty
 * 404) is replaced by an ApiError of the same status, and an error the gateway's own machinery
 * completes without a body (a refused CORS request) gets one. JSON errors pass untouched: the
 * services' ApiErrors are the more precise. Costs one decorator per request; bodies of successful
 * responses are never looked at.
 */
@Component
public class ErrorBodyFilter implements WebFilter, Ordered {

    private final ApiErrorResponses errors;

    public ErrorBodyFilter(ApiErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
            return chain.filter(exchange);
        }
        ErrorBodies response = new ErrorBodies(exchange);
        // What nobody wrote (a refused CORS request) is completed below the filters: look once more.
        return chain.filter(exchange.mutate().response(response).build())
            .then(Mono.defer(() -> response.isCommitted() || !response.needsApiError() ? Mono.empty() : response.replace()));
    }

    private final class ErrorBodies extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        ErrorBodies(ServerWebExchange exchange) {
            super(exchange.getResponse());
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!needsApiError()) {
                return super.writeWith(body);
            }
            return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(this::replace));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            if (!needsApiError()) {
                return super.writeAndFlushWith(body);
            }
            return Flux.from(body).concatMap(Flux::from).doOnNext(DataBufferUtils::release).then(Mono.defer(this::replace));
        }

        @Override
        public Mono<Void> setComplete() {
            return needsApiError() && !isCommitted() ? replace() : super.setComplete();
        }

        private boolean needsApiError() {
            HttpStatusCode status = getStatusCode();
            return status != null && status.value() >= 400 && !isJson(getHeaders().getContentType());
        }

        private Mono<Void> replace() {
            HttpStatusCode status = getStatusCode();
            getHeaders().remove("Content-Length");
            getHeaders().remove("Content-Encoding");
            getHeaders().remove("Transfer-Encoding");
            // Written to the undecorated response, so the ApiError is not inspected again.
            ServerWebExchange original = exchange;
            ServerHttpResponse delegate = getDelegate();
            return errors.write(original.mutate().response(delegate).build(), status, ApiErrorResponses.codeFor(status),
                    ApiErrorResponses.messageFor(status), null);
        }
    }

    private static boolean isJson(@Nullable MediaType type) {
        return type != null && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    @Override
    public int getOrder() {
        // Outside everything else, so it sees what every other filter and the routing produce.
        return RequestIdFilter.ORDER - 1;
    }
}
