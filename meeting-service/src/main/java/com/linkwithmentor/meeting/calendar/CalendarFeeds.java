package com.linkwithmentor.meeting.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The feed secrets: 32 random bytes each, shown once to their owner and kept only as a SHA-256. */
@Repository
class CalendarFeeds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    CalendarFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new secret for the user, replacing any old one (whose links stop working at once). */
    String rotate(UUID userId, Instant at) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (:user, :hash, :at)
                ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at
                """).param("user", userId).param("hash", hash(token)).param("at", Timestamp.from(at)).update();
        return token;
    }

    Optional<UUID> owner(String token) {
        return jdbc.sql("SELECT user_id FROM calendar_feeds WHERE token_hash = :hash").param("hash", hash(token))
            .query(UUID.class).optional();
    }

    Optional<Instant> createdAt(UUID userId) {
        return jdbc.sql("SELECT created_at FROM calendar_feeds WHERE user_id = :user").param("user", userId)
            .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    void revoke(UUID userId) {
        jdbc.sql("DELETE FROM calendar_feeds WHERE user_id = :user").param("user", userId).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
