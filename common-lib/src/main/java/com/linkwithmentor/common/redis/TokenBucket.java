package com.linkwithmentor.common.redis;

import java.util.List;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import reactor.core.publisher.Mono;

/**
 * Token-bucket rate limiting in Redis, shared by every instance that names the same key: a bucket
 * holds up to {@code capacity} tokens and refills at {@code perSecond}; each call takes one if it
 * can. The refill uses Redis's clock, so instances with skewed clocks agree.
 */
public class TokenBucket {

    /** Refills by elapsed server time, takes one token if there is one; returns {allowed, retry_after_ms}. */
    private static final String SCRIPT = """
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

    public TokenBucket(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** Whether a token was taken, and if not, how long until one will be there. */
    public record Decision(boolean allowed, long retryAfterMillis) {

        /** Whole seconds to wait, at least one: the value of a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }

    public Decision take(String key, int capacity, double perSecond) {
        List<Long> result = redis.sync().eval(SCRIPT, ScriptOutputType.MULTI, new String[] { key },
                Integer.toString(capacity), Double.toString(perSecond));
        return decision(result);
    }

    public Mono<Decision> takeReactive(String key, int capacity, double perSecond) {
        return redis.reactive()
            .<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, new String[] { key }, Integer.toString(capacity),
                    Double.toString(perSecond))
            .next()
            .map(TokenBucket::decision);
    }

    private static Decision decision(List<Long> result) {
        return new Decision(result.get(0) == 1L, result.get(1));
    }
}
