package com.linkwithmentor.moderation.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.databind.json.JsonMapper;

/**
 * The record of every admin action. Written in the transaction of the action it describes (so
 * there is no action without its entry and no entry for a rolled-back action); the table refuses
 * UPDATE, DELETE and TRUNCATE at the database level, so not even this service can rewrite it.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;

    private final JsonMapper json;

    public AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(UUID adminId, String action, String targetType, Object targetId, @Nullable String reason,
            Map<String, ?> details) {
        jdbc.sql("""
                INSERT INTO admin_audit_log (admin_id, action, target_type, target_id, reason, details, request_id)
                VALUES (:admin, :action, :targetType, :targetId, :reason, CAST(:details AS jsonb), :requestId)
                """)
            .param("admin", adminId)
            .param("action", action)
            .param("targetType", targetType)
            .param("targetId", targetId.toString())
            .param("reason", reason)
            .param("details", json.writeValueAsString(details))
            .param("requestId", RequestIds.currentOrNull())
            .update();
    }

    /** Newest first; {@code beforeId} is the last id of the previous page. */
    List<AuditEntry> page(@Nullable UUID adminId, @Nullable String targetId, @Nullable Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT audit_id, admin_id, action, target_type, target_id, reason, details::text AS details, request_id,
                    created_at
                FROM admin_audit_log WHERE true""");
        if (adminId != null) {
            sql.append(" AND admin_id = :admin");
        }
        if (targetId != null) {
            sql.append(" AND target_id = :target");
        }
        if (beforeId != null) {
            sql.append(" AND audit_id < :before");
        }
        sql.append(" ORDER BY audit_id DESC LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (adminId != null) {
            statement = statement.param("admin", adminId);
        }
        if (targetId != null) {
            statement = statement.param("target", targetId);
        }
        if (beforeId != null) {
            statement = statement.param("before", beforeId);
        }
        return statement.query(this::map).list();
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        String details = rs.getString("details");
        return new AuditEntry(rs.getLong("audit_id"), rs.getObject("admin_id", UUID.class), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("reason"),
                details != null ? json.readTree(details) : null, rs.getString("request_id"),
                rs.getTimestamp("created_at").toInstant());
    }
}
