package com.linkwithmentor.moderation.enforcement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Standings in {@code user_standing}; a user without a row is in good standing. */
@Repository
class StandingRepository {

    private static final String COLUMNS = "user_id, status, muted_until, reason, sanction_event_id, sanction_threshold";

    private final JdbcClient jdbc;

    StandingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Standing> find(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_standing WHERE user_id = ?").param(userId)
            .query(StandingRepository::map).optional();
    }

    /**
     * The user's standing, locked for the rest of the transaction. Every change to a user's strikes
     * and sanctions takes this lock first, so two messages at once cannot both cross a threshold.
     */
    Standing lock(UUID userId) {
        jdbc.sql("INSERT INTO user_standing (user_id) VALUES (?) ON CONFLICT DO NOTHING").param(userId).update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_standing WHERE user_id = ? FOR UPDATE").param(userId)
            .query(StandingRepository::map).single();
    }

    void update(Standing standing) {
        jdbc.sql("""
                UPDATE user_standing SET status = :status, muted_until = :until, reason = :reason,
                    sanction_event_id = :event, sanction_threshold = :threshold, updated_at = now()
                WHERE user_id = :user
                """)
            .param("user", standing.userId())
            .param("status", standing.status().wireName())
            .param("until", standing.mutedUntil() != null ? Timestamp.from(standing.mutedUntil()) : null)
            .param("reason", standing.reason())
            .param("event", standing.sanctionEventId())
            .param("threshold", standing.sanctionThreshold())
            .update();
    }

    private static Standing map(ResultSet rs, int row) throws SQLException {
        Timestamp until = rs.getTimestamp("muted_until");
        return new Standing(rs.getObject("user_id", UUID.class),
                Standing.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                until != null ? until.toInstant() : null, rs.getString("reason"),
                rs.getObject("sanction_event_id", UUID.class), rs.getObject("sanction_threshold", Integer.class));
    }
}
