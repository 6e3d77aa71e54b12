package com.linkwithmentor.user.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.user.account.AccountEvents;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserRepository;
import com.linkwithmentor.user.auth.AuthProperties;
import com.linkwithmentor.user.auth.AuthService;

/**
 * Suspension and reinstatement. A suspension ends every session at once: refresh tokens are
 * revoked, and every access token issued until now is refused everywhere through Redis.
 */
@Service
class AdminService {

    private final UserRepository users;

    private final AuthService auth;

    private final RevokedSessions revokedSessions;

    private final AccountEvents events;

    private final AuthProperties properties;

    AdminService(UserRepository users, AuthService auth, RevokedSessions revokedSessions, AccountEvents events,
            AuthProperties properties) {
        this.users = users;
        this.auth = auth;
        this.revokedSessions = revokedSessions;
        this.events = events;
        this.properties = properties;
    }

    /** Suspends; {@code adminId} is null when moderation decided it. */
    @Transactional
    User suspend(UUID userId, String reason, @Nullable UUID adminId) {
        if (userId.equals(adminId)) {
            throw ApiException.conflict("Admins cannot suspend themselves");
        }
        User user = users.lock(userId);
        user.suspend(reason, Instant.now());
        users.update(user);
        events.suspended(user, adminId);
        auth.revokeAllSessions(userId);
        revokedSessions.revokeUserTokensIssuedBefore(userId, Instant.now(), revocationLifetime());
        return user;
    }

    @Transactional
    User reinstate(UUID userId, @Nullable UUID adminId) {
        User user = users.lock(userId);
        user.reinstate();
        users.update(user);
        events.reinstated(user, adminId);
        revokedSessions.clearUserRevocation(userId);
        return user;
    }

    /** Long enough to outlive every access token issued before the revocation. */
    private Duration revocationLifetime() {
        return properties.accessTokenTtl().plusMinutes(5);
    }
}
