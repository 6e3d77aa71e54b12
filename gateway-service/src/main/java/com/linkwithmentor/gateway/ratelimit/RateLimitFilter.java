package com.linkwithmentor.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.linkwithmentor.common.error.ErrorCode;
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

    /** Refills by elapsed server time, takes one token if there is one; returns {allowed, retry_after_ms}. */
    private static final String TOKEN_BUCKET = """
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1]) or capacity
            local ts = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
            local allowed = 0
            local retry = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              retry = math.ceil((1 - tokens) * 1000 / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
            return {allowed, retry}
            """;

    private final StatefulRedisConnection<String, String> redis;

    private final GatewayProperties.RateLimits limits;

    private final PublicPaths strictPaths;

    private final ApiErrorResponses errors;

    public RateLimitFilter(StatefulRedisConnection<String, String> redis, GatewayProperties properties,
            ApiErrorResponses errors) {
        this.redis = redis;
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
        return redis.reactive()
            .<List<Long>>eval(TOKEN_BUCKET, ScriptOutputType.MULTI, new String[] { key },
                    Integer.toString(bucket.capacity()), Double.toString(bucket.perSecond()))
            .next()
            .map(result -> new long[] { result.get(0), result.get(1) })
            .onErrorResume(ex -> {
                log.warn("Rate limiter unavailable, letting the request through: {}", ex.getMessage());
                return Mono.just(new long[] { 1, 0 });
            })
            .flatMap(result -> {
                if (result[0] == 1) {
                    return chain.filter(exchange);
                }
                long seconds = Math.max(1, (result[1] + 999) / 1000);
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
