package com.linkwithmentor.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.redis.TokenBucket;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.gateway.GatewayProperties;
import com.linkwithmentor.gateway.auth.AccessTokenFilter;
import com.linkwithmentor.gateway.auth.RequestPatterns;
import com.linkwithmentor.gateway.auth.VerifiedTokens;
import com.linkwithmentor.gateway.edge.ApiErrorResponses;
import com.linkwithmentor.gateway.edge.EventLoops;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Token-bucket rate limits kept in Redis, so every gateway instance draws from the same buckets:
 * {@code rate_limit:{user_id}:{active_role}:{bucket}} for signed-in callers and
 * {@code rate_limit:ip:{address}:{bucket}} for anonymous ones; login and registration use the
 * strict bucket. An empty bucket is a 429 with {@code Retry-After}. The same script call checks
 * the caller's token against its revocation marks, so a routed request costs one Redis round trip;
 * a revoked token is refused on the request after its revocation, on every instance. If Redis
 * cannot answer, anonymous requests pass (an outage of the limiter must not become an outage of
 * the platform) and signed-in ones get a 503 (their revocation is unknown).
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private static final TokenBucket.Decision NOT_REVOKED = new TokenBucket.Decision(true, 0, false);

    private static final TokenBucket.Decision REVOKED = new TokenBucket.Decision(false, 0, true);

    /** Redis did not answer (compared by identity). */
    private static final TokenBucket.Decision UNKNOWN = new TokenBucket.Decision(false, 0, false);

    private final TokenBucket buckets;

    private final RevokedSessions revokedSessions;

    private final GatewayProperties.RateLimits limits;

    private final RequestPatterns strictPaths;

    private final ApiErrorResponses errors;

    public RateLimitFilter(TokenBucket buckets, RevokedSessions revokedSessions, GatewayProperties properties,
            ApiErrorResponses errors) {
        this.buckets = buckets;
        this.revokedSessions = revokedSessions;
        this.limits = properties.rateLimits();
        this.strictPaths = new RequestPatterns(limits.strictPaths());
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        VerifiedTokens.Valid token = exchange.getAttribute(AccessTokenFilter.TOKEN);
        String bucketName = bucketName(exchange, token);
        GatewayProperties.Bucket bucket = bucketName != null ? limits.buckets().get(bucketName) : null;
        if (token == null && bucket == null) {
            return chain.filter(exchange);
        }
        List<TokenBucket.Guard> marks = token != null ? token.revocationMarks() : List.of();
        Mono<TokenBucket.Decision> decision = bucket != null
                ? buckets.takeReactive(key(exchange, token, bucketName), bucket.capacity(), bucket.perSecond(), marks)
                : revoked(token);
        Scheduler loop = EventLoops.of(exchange);
        return (loop != null ? decision.publishOn(loop) : decision)
            .onErrorResume(ex -> {
                log.warn("Redis unavailable for rate limits and revocation: {}", ex.toString());
                return Mono.just(token != null ? UNKNOWN : NOT_REVOKED);
            })
            .flatMap(result -> {
                if (result == UNKNOWN) {
                    return errors.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                            "Tokens cannot be verified right now; try again shortly", null);
                }
                if (result.guarded()) {
                    return AccessTokenFilter.unauthorized(exchange, errors, "The access token has been revoked");
                }
                if (result.allowed()) {
                    return chain.filter(exchange);
                }
                long seconds = result.retryAfterSeconds();
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                return errors.write(exchange, ErrorCode.RATE_LIMITED, "Too many requests; try again in " + seconds + " s",
                        Map.of("retry_after_seconds", seconds, "bucket", bucketName));
            });
    }

    private @Nullable String bucketName(ServerWebExchange exchange, VerifiedTokens.@Nullable Valid token) {
        if (!limits.enabled()) {
            return null;
        }
        if (strictPaths.matches(exchange.getRequest().getMethod(), exchange.getRequest().getPath().pathWithinApplication())) {
            return "strict";
        }
        return token != null ? "user" : "anonymous";
    }

    /** Revocation alone, when no bucket applies (rate limits switched off). */
    private Mono<TokenBucket.Decision> revoked(VerifiedTokens.Valid token) {
        CurrentUser user = token.user();
        Instant issuedAt = token.jwt().getIssuedAt() != null ? token.jwt().getIssuedAt() : Instant.EPOCH;
        return revokedSessions.isRevokedReactive(user.sessionId(), user.id(), issuedAt)
            .map(revoked -> revoked ? REVOKED : NOT_REVOKED);
    }

    private static String key(ServerWebExchange exchange, VerifiedTokens.@Nullable Valid token, String bucketName) {
        if (token != null) {
            CurrentUser caller = token.user();
            return "rate_limit:" + caller.id() + ":" + caller.activeRole().wireName() + ":" + bucketName;
        }
        return "rate_limit:ip:" + clientAddress(exchange) + ":" + bucketName;
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
