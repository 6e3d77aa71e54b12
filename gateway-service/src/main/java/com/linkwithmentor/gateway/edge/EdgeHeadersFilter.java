package com.linkwithmentor.gateway.edge;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.gateway.GatewayProperties;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Response headers the edge owns, set as the response commits so a backend cannot override them:
 * {@code Alt-Svc} advertising HTTP/3 on TCP responses (any from a backend is dropped), HSTS on TLS,
 * no MIME sniffing, framing by the same origin only (the web app frames its call page). Also refuses bodies over the size limit before they are read (the
 * default limit, or a larger one {@link BodyLimits} names for a request such as a tus upload chunk).
 */
@Component
public class EdgeHeadersFilter implements WebFilter, Ordered {

    private final GatewayProperties properties;

    private final ApiErrorResponses errors;

    private final BodyLimits bodyLimits;

    public EdgeHeadersFilter(GatewayProperties properties, ApiErrorResponses errors, BodyLimits bodyLimits) {
        this.properties = properties;
        this.errors = errors;
        this.bodyLimits = bodyLimits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean overHttp3 = isHttp3(exchange);
        boolean secure = overHttp3 || "https".equals(exchange.getRequest().getURI().getScheme())
                || exchange.getRequest().getSslInfo() != null;
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.remove("Alt-Svc");
            if (!overHttp3 && properties.http3().enabled() && properties.tls().enabled()) {
                headers.set("Alt-Svc", "h3=\":" + properties.tls().port() + "\"; ma=" + properties.http3().altSvcMaxAge());
            }
            if (secure) {
                headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "SAMEORIGIN"); // the web app frames its own call page (/call/)
            headers.set("Referrer-Policy", "no-referrer");
            return Mono.empty();
        });
        long length = exchange.getRequest().getHeaders().getContentLength();
        DataSize override = bodyLimits.limitFor(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication().value());
        long limit = (override != null ? override : properties.maxRequestSize()).toBytes();
        if (length > limit) {
            return errors.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + limit + " bytes", Map.of("limit_bytes", limit));
        }
        if (length < 0) {
            // No Content-Length (chunked, or HTTP/2 and HTTP/3 streams): count while the body streams.
            return chain.filter(exchange.mutate().request(new LimitedBodyRequest(exchange.getRequest(), limit)).build());
        }
        return chain.filter(exchange);
    }

    /** True when the exchange arrived over HTTP/3 (QUIC). */
    static boolean isHttp3(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return nativeRequest instanceof HttpServerRequest request && request.version().majorVersion() == 3;
    }

    /** A request whose body fails with 413 as soon as it passes the limit. */
    private static final class LimitedBodyRequest extends ServerHttpRequestDecorator {

        private final long limit;

        LimitedBodyRequest(ServerHttpRequest delegate, long limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().doOnNext(buffer -> {
                if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                            "The request body is larger than " + limit + " bytes");
                }
            });
        }
    }

    @Override
    public int getOrder() {
        return RequestIdFilter.ORDER + 1;
    }
}
