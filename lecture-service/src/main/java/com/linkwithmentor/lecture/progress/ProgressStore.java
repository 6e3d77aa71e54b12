package com.linkwithmentor.lecture.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code lecture_progress}: one per viewer and lecture. */
@Repository
class ProgressStore {

    record Row(UUID userId, UUID lectureId, double positionSeconds, Intervals watched, double watchedSeconds,
            @Nullable Instant completedAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    private final JsonMapper json;

    ProgressStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The row, locked for this transaction's update. */
    Optional<Row> lock(UUID userId, UUID lectureId) {
        return jdbc.sql("SELECT * FROM lecture_progress WHERE user_id = :user AND lecture_id = :lecture FOR UPDATE")
            .param("user", userId).param("lecture", lectureId).query((rs, n) -> row(rs)).optional();
    }

    void save(UUID courseId, Row row) {
        jdbc.sql("""
                INSERT INTO lecture_progress (user_id, lecture_id, course_id, position_seconds, watched, watched_seconds,
                                              completed_at, updated_at)
                VALUES (:user, :lecture, :course, :position, CAST(:watched AS jsonb), :seconds, :completed, :updated)
                ON CONFLICT (user_id, lecture_id) DO UPDATE SET position_seconds = EXCLUDED.position_seconds,
                    watched = EXCLUDED.watched, watched_seconds = EXCLUDED.watched_seconds,
                    completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at
                """)
            .param("user", row.userId()).param("lecture", row.lectureId()).param("course", courseId)
            .param("position", decimal(row.positionSeconds())).param("watched", json.writeValueAsString(row.watched().spans()))
            .param("seconds", decimal(row.watchedSeconds())).param("completed", time(row.completedAt()))
            .param("updated", time(row.updatedAt())).update();
    }

    List<Row> ofUser(UUID userId, UUID courseId) {
        return jdbc.sql("SELECT * FROM lecture_progress WHERE user_id = :user AND course_id = :course")
            .param("user", userId).param("course", courseId).query((rs, n) -> row(rs)).list();
    }

    /** Progress of the course's enrolled mentees only (what the mentor's analytics count). */
    List<Row> ofEnrolled(UUID courseId) {
        return jdbc.sql("""
                SELECT p.* FROM lecture_progress p
                JOIN enrollments e ON e.course_id = p.course_id AND e.mentee_id = p.user_id AND e.status = 'enrolled'
                WHERE p.course_id = :course
                """).param("course", courseId).query((rs, n) -> row(rs)).list();
    }

    private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<double[]> spans = new ArrayList<>();
        for (JsonNode span : json.readTree(rs.getString("watched"))) {
            spans.add(new double[] { span.path(0).asDouble(), span.path(1).asDouble() });
        }
        OffsetDateTime completed = rs.getObject("completed_at", OffsetDateTime.class);
        return new Row(rs.getObject("user_id", UUID.class), rs.getObject("lecture_id", UUID.class),
                rs.getBigDecimal("position_seconds").doubleValue(), new Intervals(spans),
                rs.getBigDecimal("watched_seconds").doubleValue(), completed != null ? completed.toInstant() : null,
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP);
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
