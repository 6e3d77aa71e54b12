package com.linkwithmentor.meeting.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code session_series} rows: which rule a recurring booking was made with. */
@Repository
class SessionSeries {

    private final JdbcClient jdbc;

    SessionSeries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID seriesId, UUID mentorId, UUID menteeId, String rrule, ZoneId zone, Instant at) {
        jdbc.sql("""
                INSERT INTO session_series (series_id, mentor_id, mentee_id, rrule, timezone, created_at)
                VALUES (:id, :mentor, :mentee, :rrule, :zone, :at)
                """).param("id", seriesId).param("mentor", mentorId).param("mentee", menteeId).param("rrule", rrule)
            .param("zone", zone.getId()).param("at", Timestamp.from(at)).update();
    }

    Optional<String> rrule(UUID seriesId) {
        return jdbc.sql("SELECT rrule FROM session_series WHERE series_id = :id").param("id", seriesId)
            .query(String.class).optional();
    }
}
