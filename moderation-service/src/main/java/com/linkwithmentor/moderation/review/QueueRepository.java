package com.linkwithmentor.moderation.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The review queue as one list over flagged content and open report cases, highest priority
 * first, then oldest first; keyset-paginated on (priority, created_at, id).
 */
@Repository
class QueueRepository {

    private final JdbcClient jdbc;

    QueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Entry(String kind, UUID itemId, int priority, Instant createdAt) {
    }

    record After(int priority, Instant createdAt, UUID itemId) {
    }

    List<Entry> page(boolean content, boolean reports, List<String> statuses, @Nullable After after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT kind, item_id, priority, created_at FROM (");
        String union = "";
        if (content) {
            // Open content statuses are 'pending' and 'escalated'; the filter speaks of 'open'.
            sql.append("""
                    SELECT 'content' AS kind, event_id AS item_id, priority, created_at FROM moderation_events
                    WHERE (CASE review_status WHEN 'pending' THEN 'open' ELSE review_status END) IN (:statuses)""");
            union = " UNION ALL ";
        }
        if (reports) {
            sql.append(union).append("""
                    SELECT 'report' AS kind, case_id AS item_id, priority, created_at FROM report_cases
                    WHERE status IN (:statuses)""");
        }
        sql.append(") queue");
        if (after != null) {
            sql.append(" WHERE (priority < :p OR (priority = :p AND (created_at, item_id) > (:t, :id)))");
        }
        sql.append(" ORDER BY priority DESC, created_at, item_id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("statuses", statuses).param("limit", limit);
        if (after != null) {
            statement = statement.param("p", after.priority()).param("t", Timestamp.from(after.createdAt()))
                .param("id", after.itemId());
        }
        return statement.query((rs, row) -> new Entry(rs.getString("kind"), rs.getObject("item_id", UUID.class),
                rs.getInt("priority"), rs.getTimestamp("created_at").toInstant())).list();
    }
}
