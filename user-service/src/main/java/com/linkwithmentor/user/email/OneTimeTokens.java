package com.linkwithmentor.user.email;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.user.auth.OpaqueTokens;

/** Single-use emailed tokens, stored as SHA-256 hashes, for one purpose and one email address each. */
@Repository
class OneTimeTokens {

    enum Purpose {
        VERIFY_EMAIL, RESET_PASSWORD;

        String column() {
            return this == VERIFY_EMAIL ? "verify_email" : "reset_password";
        }
    }

    record Claimed(UUID userId, String email) {
    }

    private final JdbcClient jdbc;

    OneTimeTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a token, replacing any unused earlier one for the same purpose. */
    String issue(UUID userId, String email, Purpose purpose, Duration validFor) {
        jdbc.sql("UPDATE one_time_tokens SET used_at = now() WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
            .params(userId, purpose.column()).update();
        String token = OpaqueTokens.create();
        jdbc.sql("INSERT INTO one_time_tokens (token_hash, user_id, purpose, email, expires_at) VALUES (?, ?, ?, ?, ?)")
            .params(OpaqueTokens.hash(token), userId, purpose.column(), email, Timestamp.from(Instant.now().plus(validFor)))
            .update();
        return token;
    }

    /** Uses the token up if it is valid for the purpose; empty when unknown, used or expired. */
    Optional<Claimed> claim(String token, Purpose purpose) {
        return jdbc.sql("""
                UPDATE one_time_tokens SET used_at = now()
                WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > now()
                RETURNING user_id, email
                """).params(OpaqueTokens.hash(token), purpose.column())
            .query((rs, row) -> new Claimed(rs.getObject("user_id", UUID.class), rs.getString("email")))
            .optional();
    }}
