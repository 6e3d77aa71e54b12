package com.linkwithmentor.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.redis.TokenBucket;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.gateway.GatewayProperties;
import com.linkwithmentor.gateway.auth.AccessTokenFilter;
import com.linkwithmentor.gateway.auth.PublicPaths;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;

import reactor.core.publisher.Mono;

/**
 * Token-bucket rate limits kept in Redis, so every gateway instance draws from the same buckets:
 * {@code rate_limit:{user_id}:{active_role}:{bucket}} for signed-in callers (the seed's key, as a
 * bucket rather than a counter) and {@code rate_limit:ip:{address}:{bucket}} for anonymous ones;
 * login and registration use the strict bucket. An empty bucket is a 429 with {@code Retry-After}.
 * If Redis cannot answer, requests pass: an outage of the limiter must not become an outage of
 * the platform.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final TokenBucket buckets;

    private final GatewayProperties.RateLimits limits;

    private final PublicPaths strictPaths;

    private final ApiErrorResponses errors;

    public RateLimitFilter(TokenBucket buckets, GatewayProperties properties, ApiErrorResponses errors) {
        this.buckets = buckets;
        this.limits = properties.rateLimits();
        this.strictPaths = new PublicPaths(limits.strictPaths());
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!limits.enabled() || path.startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        CurrentUser caller = AccessTokenFilter.caller(exchange);
        String bucketName = strictPaths.matches(exchange.getRequest().getMethod(), path) ? "strict"
                : caller != null ? "user" : "anonymous";
        GatewayProperties.Bucket bucket = limits.buckets().get(bucketName);
        if (bucket == null) {
            return chain.filter(exchange);
        }
        String key = caller != null ? "rate_limit:" + caller.id() + ":" + caller.activeRole().wireName() + ":" + bucketName
                : "rate_limit:ip:" + clientAddress(exchange) + ":" + bucketName;
        return buckets.takeReactive(key, bucket.capacity(), bucket.perSecond())
            .onErrorResume(ex -> {
                log.warn("Rate limiter unavailable, letting the request through: {}", ex.getMessage());
                return Mono.just(new TokenBucket.Decision(true, 0));
            })
            .flatMap(decision -> {
                if (decision.allowed()) {
                    return chain.filter(exchange);
                }
                long seconds = decision.retryAfterSeconds();
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                return errors.write(exchange, ErrorCode.RATE_LIMITED,
                        "Too many requests; try again in " + seconds + " s", Map.of("retry_after_seconds", seconds,
                                "bucket", bucketName));
            });
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : "unknown";
    }

    @Override
    public int getOrder() {
        return AccessTokenFilter.ORDER_AFTER;
    }
}
