package com.linkwithmentor.user.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RevokedSessions;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserRepository;
import com.linkwithmentor.user.account.UserView;

/** Sign-in, token refresh with rotation and reuse detection, logout, and role switching. */
@Service
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserRepository users;

    private final PasswordEncoder passwords;

    private final AccessTokenIssuer accessTokens;

    private final RefreshTokens refreshTokens;

    private final RevokedSessions revokedSessions;

    private final LoginThrottle throttle;

    private final AuthProperties properties;

    /** Verified against when the account does not exist, so a miss costs as much time as a hit. */
    private final String decoyHash;

    public AuthService(UserRepository users, PasswordEncoder passwords, AccessTokenIssuer accessTokens,
            RefreshTokens refreshTokens, RevokedSessions revokedSessions, LoginThrottle throttle,
            AuthProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revokedSessions = revokedSessions;
        this.throttle = throttle;
        this.properties = properties;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Transactional
    public TokenResponse login(String login, String password, @Nullable Role requestedRole, String clientIp) {
        throttle.checkAllowed(login, clientIp);
        Optional<User> found = users.findByLogin(login);
        String hash = found.map(User::hashedPassword).orElse(null);
        boolean matches = passwords.matches(password, hash != null ? hash : decoyHash) && hash != null;
        if (!matches) {
            throttle.recordFailure(login, clientIp);
            throw ApiException.unauthorized("The login or password is wrong");
        }
        User user = found.get();
        throttle.recordSuccess(login);
        user.requireActive();
        return startSession(user, user.loginRole(requestedRole));
    }

    /** Opens a new login session for an authenticated user (password or Google). */
    @Transactional
    public TokenResponse startSession(User user, Role activeRole) {
        UUID sessionId = UUID.randomUUID();
        String refresh = refreshTokens.create(sessionId, user.id(), activeRole,
                Instant.now().plus(properties.refreshTokenTtl()));
        return response(user, activeRole, sessionId, refresh);
    }

    /**
     * Exchanges a refresh token for a new pair. A token already exchanged once means someone else
     * holds a copy: the whole session is revoked, access tokens included.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public TokenResponse refresh(String token) {
        RefreshTokens.Stored stored = refreshTokens.lock(token)
            .orElseThrow(() -> ApiException.unauthorized("The refresh token is not valid"));
        if (stored.revokedAt() != null || stored.expiresAt().isBefore(Instant.now())) {
            throw ApiException.unauthorized("The refresh token has expired or was revoked; sign in again");
        }
        if (stored.rotatedAt() != null) {
            log.warn("Refresh token reuse for session {} of user {}: revoking the session", stored.sessionId(),
                    stored.userId());
            revokeSession(stored.sessionId());
            throw ApiException.unauthorized("This refresh token was already used; the session has been revoked");
        }
        User user = users.get(stored.userId());
        user.requireActive();
        refreshTokens.markRotated(token);
        Role role = user.hasRole(stored.activeRole()) ? stored.activeRole() : user.loginRole(null);
        String next = refreshTokens.create(stored.sessionId(), user.id(), role, stored.expiresAt());
        return response(user, role, stored.sessionId(), next);
    }

    @Transactional
    public void logout(CurrentUser caller) {
        revokeSession(UUID.fromString(caller.sessionId()));
    }

    /** A new access token for the same session with another active role the user holds. */
    @Transactional
    public TokenResponse switchRole(CurrentUser caller, Role role) {
        User user = users.get(caller.id());
        user.requireActive();
        if (!user.hasRole(role)) {
            throw ApiException.forbidden("You do not hold the role " + role.wireName());
        }
        UUID sessionId = UUID.fromString(caller.sessionId());
        refreshTokens.switchRole(sessionId, role);
        return response(user, role, sessionId, null);
    }

    /** Ends every session of the user at once (password reset, suspension). */
    @Transactional
    public void revokeAllSessions(UUID userId) {
        for (UUID sessionId : refreshTokens.revokeAllOf(userId)) {
            revokedSessions.revokeSession(sessionId.toString(), properties.accessTokenTtl().plusMinutes(1));
        }
    }

    private void revokeSession(UUID sessionId) {
        refreshTokens.revokeSession(sessionId);
        revokedSessions.revokeSession(sessionId.toString(), properties.accessTokenTtl().plusMinutes(1));
    }

    private TokenResponse response(User user, Role role, UUID sessionId, @Nullable String refresh) {
        return new TokenResponse(accessTokens.issue(user, role, sessionId), refresh, "Bearer",
                accessTokens.lifetimeSeconds(), role, UserView.full(user));
    }
}
