package com.linkwithmentor.common.redis;

import java.util.List;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import reactor.core.publisher.Mono;

/**
 * Token-bucket rate limiting in Redis, shared by every instance that names the same key: a bucket
 * holds up to {@code capacity} tokens and refills at {@code perSecond}; each call takes one if it
 * can. The refill uses Redis's clock, so instances with skewed clocks agree.
 *
 * <p>The script travels once: calls send its SHA-1 ({@code EVALSHA}), and only when Redis does not
 * know it (a restart, {@code SCRIPT FLUSH}) the script itself, which Redis then keeps. A call may
 * name {@linkplain Guard guards}, marks that refuse it without taking a token (the gateway checks
 * an access token's revocation marks this way, in the same round trip as its rate limit).
 */
public class TokenBucket {

    /**
     * Refuses if a guard key holds a number at least its minimum (a non-number counts as large);
     * otherwise refills by elapsed server time and takes one token if there is one. KEYS[1] is the
     * bucket, KEYS[2..] the guards; ARGV[1] capacity, ARGV[2] tokens per second, ARGV[3..] the
     * guards' minimums. Returns {allowed, retry_after_ms, guarded}.
     */
    static final String SCRIPT = """
            for i = 2, #KEYS do
              local mark = redis.call('GET', KEYS[i])
              if mark and (tonumber(mark) or math.huge) >= tonumber(ARGV[i + 1]) then
                return {0, 0, 1}
              end
            end
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
            return {allowed, retry, 0}
            """;

    private final StatefulRedisConnection<String, String> redis;

    private final String sha;

    public TokenBucket(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
        this.sha = redis.sync().digest(SCRIPT);
    }

    /** Whether a token was taken, and if not, how long until one will be there (or that a guard refused). */
    public record Decision(boolean allowed, long retryAfterMillis, boolean guarded) {

        public Decision(boolean allowed, long retryAfterMillis) {
            this(allowed, retryAfterMillis, false);
        }

        /** Whole seconds to wait, at least one: the value of a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterMillis + 999) / 1000);
        }
    }

    /**
     * A key that, while it holds a number of at least {@code atLeast}, refuses the call without
     * taking a token: e.g. a revocation mark holding the instant before which tokens are void.
     */
    public record Guard(String key, long atLeast) {
    }

    public Decision take(String key, int capacity, double perSecond) {
        String[] keys = { key };
        String[] args = { Integer.toString(capacity), Double.toString(perSecond) };
        List<Long> result;
        try {
            result = redis.sync().evalsha(sha, ScriptOutputType.MULTI, keys, args);
        }
        catch (RedisNoScriptException ex) {
            result = redis.sync().eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
        }
        return decision(result);
    }

    public Mono<Decision> takeReactive(String key, int capacity, double perSecond) {
        return takeReactive(key, capacity, perSecond, List.of());
    }

    /** One round trip: refused if any guard holds, else a token taken if there is one. */
    public Mono<Decision> takeReactive(String key, int capacity, double perSecond, List<Guard> guards) {
        String[] keys = new String[guards.size() + 1];
        String[] args = new String[guards.size() + 2];
        keys[0] = key;
        args[0] = Integer.toString(capacity);
        args[1] = Double.toString(perSecond);
        for (int i = 0; i < guards.size(); i++) {
            keys[i + 1] = guards.get(i).key();
            args[i + 2] = Long.toString(guards.get(i).atLeast());
        }
        return redis.reactive()
            .<List<Long>>evalsha(sha, ScriptOutputType.MULTI, keys, args)
            .onErrorResume(RedisNoScriptException.class,
                    ex -> redis.reactive().<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args))
            .next()
            .map(TokenBucket::decision);
    }

    private static Decision decision(List<Long> result) {
        return new Decision(result.get(0) == 1L, result.get(1), result.size() > 2 && result.get(2) == 1L);
    }
}
