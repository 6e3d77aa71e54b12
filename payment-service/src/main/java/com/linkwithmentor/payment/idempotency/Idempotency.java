package com.linkwithmentor.payment.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.payment.PaymentProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on money-moving POSTs, by Stripe's rules, kept in the schema: per caller
 * and key, the hash of the request and the first response, errors included. The same key and body
 * replays that response ({@code Idempotent-Replayed: true}); the same key with another body is 422;
 * a second request while the first still runs waits a moment, then gets 409; keys are kept at
 * least 24 hours ({@code lwm.payments.idempotency.retention}). An unexpected failure (a 500) is not
 * kept: its transaction rolled back, so the client may try again with the same key.
 */
@Component
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final Clock clock;

    private final PaymentProperties.Idempotency settings;

    Idempotency(JdbcClient jdbc, JsonMapper json, Clock clock, PaymentProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.settings = properties.idempotency();
    }

    /**
     * Runs {@code action} once per caller and key; the body it answers is written as JSON. Without
     * a key the action simply runs (the flows are idempotent by their own subject anyway).
     */
    public ResponseEntity<String> run(String callerId, @Nullable String key, String method, String path, Object request,
            Supplier<ResponseEntity<?>> action) {
        if (key == null) {
            return render(action);
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.badRequest("Idempotency-Key", "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        String hash = hash(method + " " + path + "\n" + json.writeValueAsString(request));
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                INSERT INTO idempotency_keys (caller_id, idempotency_key, request_method, request_path, request_hash, status,
                    created_at, locked_at, expires_at)
                VALUES (?, ?, ?, ?, ?, 'in_progress', ?, ?, ?) ON CONFLICT DO NOTHING
                """).params(callerId, key, method, path, hash, ts(now), ts(now), ts(now.plus(settings.retention()))).update();
        if (inserted == 0) {
            Optional<ResponseEntity<String>> earlier = earlier(callerId, key, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        ResponseEntity<String> response;
        try {
            response = render(action);
        }
        catch (ApiException ex) {
            ProblemDetail problem = ApiErrors.problem(ex.code(), ex.getMessage(), ex.details(), null);
            response = ResponseEntity.status(ex.code().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json.writeValueAsString(flatten(problem)));
        }
        catch (RuntimeException ex) {
            jdbc.sql("DELETE FROM idempotency_keys WHERE caller_id = ? AND idempotency_key = ?").params(callerId, key).update();
            throw ex;
        }
        jdbc.sql("""
                UPDATE idempotency_keys SET status = 'completed', response_status = ?, response_body = ?
                WHERE caller_id = ? AND idempotency_key = ?
                """).params(response.getStatusCode().value(), response.getBody(), callerId, key).update();
        return response;
    }

    /** The stored answer for a key seen before, or empty when this request may run (a stale lock taken over). */
    private Optional<ResponseEntity<String>> earlier(String callerId, String key, String hash) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (true) {
            Stored stored = jdbc.sql("""
                    SELECT request_hash, status, response_status, response_body, locked_at FROM idempotency_keys
                    WHERE caller_id = ? AND idempotency_key = ?
                    """).params(callerId, key)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional().orElse(null);
            if (stored == null) {
                // The first request failed unexpectedly and let go of the key: this one runs.
                int claimed = jdbc.sql("""
                        INSERT INTO idempotency_keys (caller_id, idempotency_key, request_method, request_path, request_hash,
                            status, expires_at) VALUES (?, ?, '', '', ?, 'in_progress', ?) ON CONFLICT DO NOTHING
                        """).params(callerId, key, hash, ts(clock.instant().plus(settings.retention()))).update();
                if (claimed == 1) {
                    return Optional.empty();
                }
                continue;
            }
            if (!stored.hash().equals(hash)) {
                throw new ApiException(ErrorCode.UNPROCESSABLE,
                        "This Idempotency-Key was used with a different request; use a new key for a new request",
                        Map.of("field", "Idempotency-Key"));
            }
            if (stored.status().equals("completed") && stored.responseStatus() != null) {
                HttpStatus status = HttpStatus.valueOf(stored.responseStatus());
                MediaType type = status.isError() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
                return Optional.of(ResponseEntity.status(status).contentType(type).header("Idempotent-Replayed", "true")
                    .body(stored.body()));
            }
            if (stored.lockedAt().plus(settings.inProgressTimeout()).isBefore(clock.instant())) {
                int taken = jdbc.sql("""
                        UPDATE idempotency_keys SET locked_at = now() WHERE caller_id = ? AND idempotency_key = ?
                        AND status = 'in_progress' AND locked_at = ?
                        """).params(callerId, key, ts(stored.lockedAt())).update();
                if (taken == 1) {
                    log.warn("Idempotency key {} of {} was in progress for too long; running the request again", key, callerId);
                    return Optional.empty();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ApiException(ErrorCode.CONFLICT,
                        "A request with this Idempotency-Key is still being processed; retry shortly",
                        Map.of("retry_after_seconds", 1));
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private ResponseEntity<String> render(Supplier<ResponseEntity<?>> action) {
        ResponseEntity<?> response = action.get();
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
            .contentType(MediaType.APPLICATION_JSON)
            .body(response.getBody() == null ? "{}" : json.writeValueAsString(response.getBody()));
    }

    /** The problem document as the error handler writes it: its extension members at the top level. */
    private static Map<String, Object> flatten(ProblemDetail problem) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType() != null ? problem.getType().toString() : "about:blank");
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpired() {
        jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at < now()").update();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private record Stored(String hash, String status, @Nullable Integer responseStatus, @Nullable String body,
            Instant lockedAt) {
    }
}
