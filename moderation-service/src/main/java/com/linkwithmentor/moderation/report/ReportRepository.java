package com.linkwithmentor.moderation.report;

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
import com.linkwithmentor.moderation.policy.Category;

/** Report cases in {@code report_cases} and the reports in them in {@code reports}. */
@Repository
public class ReportRepository {

    private static final String CASE_COLUMNS = """
            case_id, target_type, target_id, reported_user_id, status, priority, reporter_count, decided_by,
            decided_at, decision_reason, outcome_event_id, created_at""";

    private static final String REPORT_COLUMNS = """
            report_id, case_id, reporter_id, reason, details, submissions, created_at, updated_at""";

    private final JdbcClient jdbc;

    public ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The open case about a target, created if there is none, locked for the transaction. Two
     * first reports at once meet at the partial unique index and end up in the same case.
     */
    ReportCase openCase(TargetType type, String targetId, UUID reportedUserId) {
        jdbc.sql("""
                INSERT INTO report_cases (target_type, target_id, reported_user_id)
                VALUES (?, ?, ?)
                ON CONFLICT (target_type, target_id) WHERE status IN ('open', 'escalated') DO NOTHING
                """).param(type.wireName()).param(targetId).param(reportedUserId).update();
        return jdbc.sql("SELECT " + CASE_COLUMNS + """
                 FROM report_cases WHERE target_type = ? AND target_id = ? AND status IN ('open', 'escalated')
                FOR UPDATE""").param(type.wireName()).param(targetId).query(ReportRepository::mapCase).single();
    }

    public ReportCase lockCase(UUID caseId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM report_cases WHERE case_id = ? FOR UPDATE").param(caseId)
            .query(ReportRepository::mapCase).optional().orElseThrow(() -> ApiException.notFound("Report case"));
    }

    public Optional<ReportCase> findCase(UUID caseId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM report_cases WHERE case_id = ?").param(caseId)
            .query(ReportRepository::mapCase).optional();
    }

    public List<ReportCase> findCases(List<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM report_cases WHERE case_id IN (:ids)").param("ids", caseIds)
            .query(ReportRepository::mapCase).list();
    }

    public void updateCase(ReportCase reportCase) {
        jdbc.sql("""
                UPDATE report_cases SET status = :status, priority = :priority, reporter_count = :reporters,
                    decided_by = :by, decided_at = :at, decision_reason = :why, outcome_event_id = :outcome,
                    updated_at = now()
                WHERE case_id = :id
                """)
            .param("id", reportCase.caseId())
            .param("status", reportCase.status().wireName())
            .param("priority", reportCase.priority())
            .param("reporters", reportCase.reporterCount())
            .param("by", reportCase.decidedBy())
            .param("at", reportCase.decidedAt() != null ? Timestamp.from(reportCase.decidedAt()) : null)
            .param("why", reportCase.decisionReason())
            .param("outcome", reportCase.outcomeEventId())
            .update();
    }

    Optional<Report> findReport(UUID caseId, UUID reporterId) {
        return jdbc.sql("SELECT " + REPORT_COLUMNS + " FROM reports WHERE case_id = ? AND reporter_id = ?")
            .param(caseId).param(reporterId).query(ReportRepository::mapReport).optional();
    }

    Optional<Report> findReport(UUID reportId) {
        return jdbc.sql("SELECT " + REPORT_COLUMNS + " FROM reports WHERE report_id = ?").param(reportId)
            .query(ReportRepository::mapReport).optional();
    }

    Report insertReport(UUID caseId, UUID reporterId, Category reason, @Nullable String details) {
        return jdbc.sql("INSERT INTO reports (case_id, reporter_id, reason, details) VALUES (?, ?, ?, ?) RETURNING "
                + REPORT_COLUMNS).param(caseId).param(reporterId).param(reason.wireName()).param(details)
            .query(ReportRepository::mapReport).single();
    }

    /** The same reporter reported the same target again: the latest reason and details win. */
    Report resubmit(Report report, Category reason, @Nullable String details) {
        return jdbc.sql("""
                UPDATE reports SET reason = ?, details = COALESCE(?, details), submissions = submissions + 1,
                    updated_at = now()
                WHERE report_id = ? RETURNING\s""" + REPORT_COLUMNS).param(reason.wireName()).param(details)
            .param(report.reportId()).query(ReportRepository::mapReport).single();
    }

    /** Every report in the given cases, for admins. */
    public List<Report> reportsIn(List<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + REPORT_COLUMNS + " FROM reports WHERE case_id IN (:ids) ORDER BY created_at")
            .param("ids", caseIds).query(ReportRepository::mapReport).list();
    }

    private static ReportCase mapCase(ResultSet rs, int row) throws SQLException {
        return new ReportCase(rs.getObject("case_id", UUID.class), TargetType.fromColumn(rs.getString("target_type")),
                rs.getString("target_id"), rs.getObject("reported_user_id", UUID.class),
                ReportCase.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("priority"),
                rs.getInt("reporter_count"), rs.getObject("decided_by", UUID.class), instant(rs, "decided_at"),
                rs.getString("decision_reason"), rs.getObject("outcome_event_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Report mapReport(ResultSet rs, int row) throws SQLException {
        return new Report(rs.getObject("report_id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("reporter_id", UUID.class), Category.fromWire(rs.getString("reason")),
                rs.getString("details"), rs.getInt("submissions"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value != null ? value.toInstant() : null;
    }
}
