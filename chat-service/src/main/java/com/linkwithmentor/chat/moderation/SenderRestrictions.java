package com.linkwithmentor.chat.moderation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * Who may not send, as moderation-service and user-service decided (kept locally from their
 * events, so no message waits on another service to ask). A suspension also keeps the user from
 * connecting; a mute only from sending.
 */
@Component
public class SenderRestrictions {

    public static final String MUTED = "muted";

    public static final String SUSPENDED = "suspended";

    /** One active restriction. {@code until} null means until lifted. */
    public record Restriction(String kind, String source, @Nullable String reason, @Nullable Instant until) {
    }

    private final JdbcClient jdbc;

    public SenderRestrictions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Restriction> active(UUID userId) {
        return jdbc.sql("""
                SELECT kind, source, reason, until FROM sender_restrictions
                WHERE user_id = ? AND (until IS NULL OR until > now())
                ORDER BY kind DESC""")
            .param(userId)
            .query((rs, n) -> {
                Timestamp until = rs.getTimestamp("until");
                return new Restriction(rs.getString("kind"), rs.getString("source"), rs.getString("reason"),
                        until != null ? until.toInstant() : null);
            })
            .list();
    }

    public Optional<Restriction> suspension(UUID userId) {
        return active(userId).stream().filter(r -> r.kind().equals(SUSPENDED)).findFirst();
    }

    /** 403 naming the restriction when the user is suspended or muted. */
    public void requireMaySend(UUID userId) {
        List<Restriction> restrictions = active(userId);
        if (restrictions.isEmpty()) {
            return;
        }
        Restriction restriction = restrictions.stream().filter(r -> r.kind().equals(SUSPENDED)).findFirst()
            .orElse(restrictions.get(0));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restriction", restriction.kind());
        if (restriction.until() != null) {
            details.put("until", restriction.until().toString());
        }
        if (restriction.reason() != null) {
            details.put("reason", restriction.reason());
        }
        String message = restriction.kind().equals(SUSPENDED) ? "Your account is suspended; you cannot send messages"
                : "You are muted" + (restriction.until() != null ? " until " + restriction.until() : "")
                        + " and cannot send messages";
        throw new ApiException(ErrorCode.FORBIDDEN, message, details);
    }

    void restrict(UUID userId, String source, String kind, @Nullable String reason, @Nullable Instant until) {
        jdbc.sql("""
                INSERT INTO sender_restrictions (user_id, source, kind, reason, until)
                VALUES (:user, :source, :kind, :reason, :until)
                ON CONFLICT (user_id, source, kind)
                DO UPDATE SET reason = EXCLUDED.reason, until = EXCLUDED.until, created_at = now()""")
            .param("user", userId)
            .param("source", source)
            .param("kind", kind)
            .param("reason", reason)
            .param("until", until != null ? Timestamp.from(until) : null)
            .update();
    }

    /** Lifts everything one source imposed (a reinstatement). */
    void lift(UUID userId, String source) {
        jdbc.sql("DELETE FROM sender_restrictions WHERE user_id = ? AND source = ?").params(userId, source).update();
    }
}
