package com.linkwithmentor.meeting.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * {@code Idempotency-Key} for requests that create sessions. The key is claimed inside the
 * request's own transaction: a concurrent duplicate waits on the claim and then sees the first
 * one's result; a failed request leaves no claim behind, so its retry runs again.
 */
@Repository
class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What an earlier request with the key produced. */
    record Result(String kind, UUID id) {
    }

    static @Nullable String validKey(@Nullable String key) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("Idempotency-Key",
                    "The Idempotency-Key header must be 1 to 100 letters, digits or _.:- characters");
        }
        return key;
    }

    /** Claims the key for this request; the earlier result when it was used before with the same request. */
    Optional<Result> claim(UUID userId, String key, String requestFingerprint) {
        String hash = sha256(requestFingerprint);
        int claimed = jdbc.sql("""
                INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash) VALUES (:user, :key, :hash)
                ON CONFLICT DO NOTHING
                """).param("user", userId).param("key", key).param("hash", hash).update();
        if (claimed == 1) {
            return Optional.empty();
        }
        record Row(String hash, @Nullable String kind, @Nullable UUID id) {
        }
        Row row = jdbc.sql("SELECT request_hash, result_kind, result_id FROM idempotency_keys WHERE user_id = :user AND idempotency_key = :key")
            .param("user", userId).param("key", key)
            .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class)))
            .single();
        if (!row.hash().equals(hash) || row.kind() == null || row.id() == null) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "This Idempotency-Key was used for a different request",
                    Map.of("field", "Idempotency-Key"));
        }
        return Optional.of(new Result(row.kind(), row.id()));
    }

    void complete(UUID userId, String key, Result result) {
        jdbc.sql("UPDATE idempotency_keys SET result_kind = :kind, result_id = :id WHERE user_id = :user AND idempotency_key = :key")
            .param("kind", result.kind()).param("id", result.id()).param("user", userId).param("key", key).update();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
