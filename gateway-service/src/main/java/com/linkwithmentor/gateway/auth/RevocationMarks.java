package com.linkwithmentor.gateway.auth;

import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

import com.linkwithmentor.common.redis.TokenBucket;
import com.linkwithmentor.common.security.CurrentUser;

/**
 * The Redis marks that void a token before it expires, as guards of the rate-limit script, so
 * revocation and rate limit cost one round trip: the login session's mark (logout), and the
 * user's "tokens issued up to" mark (suspension, password change). The keys are the ones
 * {@code RevokedSessions} writes; the gateway's revocation tests revoke through it.
 */
final class RevocationMarks {

    private static final String SESSION_KEY = "revoked:sid:";

    private static final String USER_KEY = "revoked:user:";

    private RevocationMarks() {
    }

    static List<TokenBucket.Guard> of(Jwt jwt, CurrentUser user) {
        Instant issuedAt = jwt.getIssuedAt() != null ? jwt.getIssuedAt() : Instant.EPOCH;
        return List.of(new TokenBucket.Guard(SESSION_KEY + user.sessionId(), Long.MIN_VALUE),
                new TokenBucket.Guard(USER_KEY + user.id(), issuedAt.getEpochSecond()));
    }
}
