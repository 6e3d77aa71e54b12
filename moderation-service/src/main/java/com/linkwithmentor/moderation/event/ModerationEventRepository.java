package com.linkwithmentor.moderation.event;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Moderation events in {@code moderation_events}. */
@Repository
public class ModerationEventRepository {

    static final String COLUMNS = """
            event_id, user_id, content_id, content_type, severity, policy_violated, action_taken, source, reason,
            policy_version, matches::text AS matches, content_text, strikes, strikes_active, until, review_status,
            priority, reviewed_by, reviewed_at, review_reason, created_at""";

    private static final TypeReference<List<Match>> MATCHES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final RowMapper<ModerationEvent> mapper = this::map;

    public ModerationEventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public ModerationEvent insert(NewEvent event) {
        return jdbc.sql("""
                INSERT INTO moderation_events (user_id, content_id, content_type, severity, policy_violated,
                    action_taken, source, reason, policy_version, matches, content_text, context, strikes,
                    strikes_active, until, review_status, priority)
                VALUES (:user, :contentId, :contentType, :severity, CAST(:categories AS text[]), :action, :source,
                    :reason, :policyVersion, CAST(:matches AS jsonb), :text, CAST(:context AS jsonb), :strikes,
                    :strikesActive, :until, :reviewStatus, :priority)
                RETURNING\s""" + COLUMNS)
            .param("user", event.userId())
            .param("contentId", event.contentId())
            .param("contentType", event.contentType())
            .param("severity", event.severity().wireName())
            .param("categories", arrayLiteral(event.policyViolated()))
            .param("action", event.action().wireName())
            .param("source", event.source().wireName())
            .param("reason", event.reason())
            .param("policyVersion", event.policyVersion())
            .param("matches", json.writeValueAsString(event.matches()))
            .param("text", event.contentText())
            .param("context", event.context() != null ? json.writeValueAsString(event.context()) : null)
            .param("strikes", event.strikes())
            .param("strikesActive", event.strikesActive())
            .param("until", event.until() != null ? Timestamp.from(event.until()) : null)
            .param("reviewStatus", event.reviewStatus().wireName())
            .param("priority", event.priority())
            .query(mapper)
            .single();
    }

    public Optional<ModerationEvent> find(UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM moderation_events WHERE event_id = ?").param(eventId).query(mapper)
            .optional();
    }

    /** The event, locked for the rest of the transaction; 404 when there is none. */
    public ModerationEvent lock(UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM moderation_events WHERE event_id = ? FOR UPDATE").param(eventId)
            .query(mapper).optional().orElseThrow(() -> ApiException.notFound("Moderation event"));
    }

    /** Writes back what the review methods may change. */
    public void updateReview(ModerationEvent event) {
        jdbc.sql("""
                UPDATE moderation_events SET strikes_active = :active, review_status = :status, priority = :priority,
                    reviewed_by = :by, reviewed_at = :at, review_reason = :why
                WHERE event_id = :id
                """)
            .param("id", event.eventId())
            .param("active", event.strikesActive())
            .param("status", event.reviewStatus().wireName())
            .param("priority", event.priority())
            .param("by", event.reviewedBy())
            .param("at", event.reviewedAt() != null ? Timestamp.from(event.reviewedAt()) : null)
            .param("why", event.reviewReason())
            .update();
    }

    /** A user's events, newest first; {@code before} is the last event id of the previous page. */
    public List<ModerationEvent> forUser(UUID userId, @Nullable UUID before, int limit) {
        if (before == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM moderation_events WHERE user_id = ? ORDER BY event_id DESC LIMIT ?")
                .param(userId).param(limit).query(mapper).list();
        }
        return jdbc.sql("SELECT " + COLUMNS
                + " FROM moderation_events WHERE user_id = ? AND event_id < ? ORDER BY event_id DESC LIMIT ?")
            .param(userId).param(before).param(limit).query(mapper).list();
    }

    /** Strikes that count now: standing decisions within the window. */
    public int activeStrikes(UUID userId, Duration window) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(strikes), 0) FROM moderation_events
                WHERE user_id = ? AND strikes_active AND created_at > now() - make_interval(secs => ?)
                """)
            .param(userId).param(window.toSeconds()).query(Integer.class).single();
    }

    public List<ModerationEvent> findAll(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM moderation_events WHERE event_id IN (:ids)").param("ids", eventIds)
            .query(mapper).list();
    }

    public static String arrayLiteral(List<Category> categories) {
        return "{" + String.join(",", categories.stream().map(Category::wireName).toList()) + "}";
    }

    public static List<Category> categories(Array array) throws SQLException {
        List<Category> categories = new ArrayList<>();
        for (String name : (String[]) array.getArray()) {
            categories.add(Category.fromWire(name));
        }
        return List.copyOf(categories);
    }

    private ModerationEvent map(ResultSet rs, int row) throws SQLException {
        String matches = rs.getString("matches");
        return new ModerationEvent(rs.getObject("event_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("content_id"), rs.getString("content_type"),
                Severity.fromWire(rs.getString("severity")), categories(rs.getArray("policy_violated")),
                ModerationAction.fromColumn(rs.getString("action_taken")), EventSource.fromColumn(rs.getString("source")),
                rs.getString("reason"), rs.getString("policy_version"),
                matches != null ? json.readValue(matches, MATCHES) : List.of(), rs.getString("content_text"),
                rs.getInt("strikes"), rs.getBoolean("strikes_active"), instant(rs, "until"),
                ReviewStatus.fromColumn(rs.getString("review_status")), rs.getInt("priority"),
                rs.getObject("reviewed_by", UUID.class), instant(rs, "reviewed_at"), rs.getString("review_reason"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value != null ? value.toInstant() : null;
    }
}
