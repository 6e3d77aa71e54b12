package com.linkwithmentor.common.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import reactor.core.publisher.Mono;

/**
 * Revocations that must take effect before tokens expire, kept in Redis so every service and the
 * gateway see them at once: a single login session ({@code sid}, on logout), or every token of a
 * user issued before an instant (on suspension or password change).
 */
public class RevokedSessions {

    private static final String SESSION_KEY = "revoked:sid:";

    private static final String USER_KEY = "revoked:user:";

    private final StatefulRedisConnection<String, String> redis;

    public RevokedSessions(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** Revokes one login session; keep the mark at least as long as its longest-lived token. */
    public void revokeSession(String sessionId, Duration keepFor) {
        redis.sync().set(SESSION_KEY + sessionId, "1", SetArgs.Builder.ex(keepFor));
    }

    /** Revokes every token of the user issued at or before the instant. */
    public void revokeUserTokensIssuedBefore(UUID userId, Instant instant, Duration keepFor) {
        redis.sync().set(USER_KEY + userId, Long.toString(instant.getEpochSecond()), SetArgs.Builder.ex(keepFor));
    }

    /** Lifts a user-wide revocation (reinstatement); tokens issued before it stay revoked by expiry. */
    public void clearUserRevocation(UUID userId) {
        redis.sync().del(USER_KEY + userId);
    }

    /** One round trip: is this session revoked, or the user's tokens issued up to {@code issuedAt}? */
    public boolean isRevoked(String sessionId, UUID userId, Instant issuedAt) {
        return revoked(redis.sync().mget(SESSION_KEY + sessionId, USER_KEY + userId), issuedAt);
    }

    /** The same check without blocking, for the reactive gateway. */
    public Mono<Boolean> isRevokedReactive(String sessionId, UUID userId, Instant issuedAt) {
        return redis.reactive().mget(SESSION_KEY + sessionId, USER_KEY + userId).collectList()
            .map(values -> revoked(values, issuedAt));
    }

    private static boolean revoked(List<KeyValue<String, String>> values, Instant issuedAt) {
        if (values.get(0).hasValue()) {
            return true;
        }
        KeyValue<String, String> userMark = values.get(1);
        return userMark.hasValue() && issuedAt.getEpochSecond() <= Long.parseLong(userMark.getValue());
    }
}
