package com.linkwithmentor.moderation.appeal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.linkwithmentor.common.error.ApiException;

/** Appeals in {@code appeals}; at most one per moderation event (a unique constraint). */
@Repository
class AppealRepository {

    private static final String COLUMNS = """
            appeal_id, event_id, user_id, reason, status, decided_by, decided_at, decision_reason, created_at""";

    private final JdbcClient jdbc;

    AppealRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Appeal insert(UUID eventId, UUID userId, String reason) {
        return jdbc.sql("INSERT INTO appeals (event_id, user_id, reason) VALUES (?, ?, ?) RETURNING " + COLUMNS)
            .param(eventId).param(userId).param(reason).query(AppealRepository::map).single();
    }

    Optional<Appeal> find(UUID appealId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appeals WHERE appeal_id = ?").param(appealId)
            .query(AppealRepository::map).optional();
    }

    Appeal lock(UUID appealId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appeals WHERE appeal_id = ? FOR UPDATE").param(appealId)
            .query(AppealRepository::map).optional().orElseThrow(() -> ApiException.notFound("Appeal"));
    }

    void update(Appeal appeal) {
        jdbc.sql("""
                UPDATE appeals SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE appeal_id = ?
                """)
            .param(appeal.status().wireName()).param(appeal.decidedBy())
            .param(appeal.decidedAt() != null ? Timestamp.from(appeal.decidedAt()) : null)
            .param(appeal.decisionReason()).param(appeal.appealId()).update();
    }

    /** Oldest first, so appeals are answered in the order they came. */
    List<Appeal> page(List<String> statuses, @Nullable Instant afterCreated, @Nullable UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM appeals WHERE status IN (:statuses)");
        if (afterCreated != null) {
            sql.append(" AND (created_at, appeal_id) > (:t, :id)");
        }
        sql.append(" ORDER BY created_at, appeal_id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("statuses", statuses).param("limit", limit);
        if (afterCreated != null) {
            statement = statement.param("t", Timestamp.from(afterCreated)).param("id", afterId);
        }
        return statement.query(AppealRepository::map).list();
    }

    private static Appeal map(ResultSet rs, int row) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new Appeal(rs.getObject("appeal_id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getString("reason"),
                Appeal.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getObject("decided_by", UUID.class), decidedAt != null ? decidedAt.toInstant() : null,
                rs.getString("decision_reason"), rs.getTimestamp("created_at").toInstant());
    }
}
