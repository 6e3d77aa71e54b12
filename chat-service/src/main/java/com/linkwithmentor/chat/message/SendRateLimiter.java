package com.linkwithmentor.chat.message;

import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.redis.TokenBucket;

/**
 * How fast one user may send, across all their connections and instances: a token bucket in
 * Redis (common-lib's, as the gateway uses), refilled continuously. While Redis is away sending is allowed:
 * a rate limit is protection, not a reason to stop chat.
 */
@Component
class SendRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SendRateLimiter.class);

    private final TokenBucket buckets;

    private final MessageProperties.SendRate rate;

    SendRateLimiter(TokenBucket buckets, MessageProperties properties) {
        this.buckets = buckets;
        this.rate = properties.sendRate();
    }

    /** Takes one token, or refuses with 429 and how long to wait. */
    void acquire(UUID userId) {
        TokenBucket.Decision decision;
        try {
            decision = buckets.take("chat_send_rate:" + userId, rate.capacity(), rate.perSecond());
        }
        catch (RedisException ex) {
            log.warn("Send rate limit not checked (Redis unavailable): {}", ex.getMessage());
            return;
        }
        if (!decision.allowed()) {
            long retryMillis = decision.retryAfterMillis();
            throw new ApiException(ErrorCode.RATE_LIMITED, "You are sending too fast; wait " + retryMillis + " ms",
                    Map.of("retry_after_ms", retryMillis, "retry_after_seconds", decision.retryAfterSeconds()));
        }
    }
}
