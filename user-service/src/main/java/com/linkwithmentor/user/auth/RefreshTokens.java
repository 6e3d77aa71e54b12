package com.linkwithmentor.user.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.security.Role;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. All tokens of one login share its session
 * id; using one rotates it, and a rotated token that comes back means it was stolen.
 */
@Repository
public class RefreshTokens {

    private final JdbcClient jdbc;

    public RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stored(UUID sessionId, UUID userId, Role activeRole, Instant expiresAt, @Nullable Instant rotatedAt,
            @Nullable Instant revokedAt) {
    }

    /** Creates a token for the session and returns its plain value, which is never stored. */
    String create(UUID sessionId, UUID userId, Role activeRole, Instant expiresAt) {
        String token = OpaqueTokens.create();
        jdbc.sql("""
                INSERT INTO refresh_tokens (token_hash, session_id, user_id, active_role, expires_at)
                VALUES (?, ?, ?, ?, ?)
                """).params(OpaqueTokens.hash(token), sessionId, userId, activeRole.wireName(), Timestamp.from(expiresAt)).update();
        return token;
    }

    /** The stored token, locked, so two concurrent refreshes with it cannot both succeed. */
    Optional<Stored> lock(String token) {
        return jdbc.sql("""
                SELECT session_id, user_id, active_role, expires_at, rotated_at, revoked_at
                FROM refresh_tokens WHERE token_hash = ? FOR UPDATE
                """).param(OpaqueTokens.hash(token)).query((rs, row) -> new Stored(rs.getObject("session_id", UUID.class),
                rs.getObject("user_id", UUID.class), Role.fromWire(rs.getString("active_role")),
                rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("rotated_at")),
                instant(rs.getTimestamp("revoked_at")))).optional();
    }

    void markRotated(String token) {
        jdbc.sql("UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = ?").param(OpaqueTokens.hash(token)).update();
    }

    /** Revokes every token of a login session (logout, or reuse of a rotated token). */
    void revokeSession(UUID sessionId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE session_id = ? AND revoked_at IS NULL")
            .param(sessionId).update();
    }

    /** Revokes every session of the user and returns their ids, so their access tokens can be revoked too. */
    public List<UUID> revokeAllOf(UUID userId) {
        return jdbc.sql("""
                UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL
                RETURNING session_id
                """).param(userId).query(UUID.class).list().stream().distinct().toList();
    }

    /** Keeps the active role of the session's live token in step with a role switch. */
    void switchRole(UUID sessionId, Role role) {
        jdbc.sql("""
                UPDATE refresh_tokens SET active_role = ?
                WHERE session_id = ? AND rotated_at IS NULL AND revoked_at IS NULL
                """).params(role.wireName(), sessionId).update();
    }


    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp != null ? timestamp.toInstant() : null;
    }
}
