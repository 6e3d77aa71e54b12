package com.linkwithmentor.meeting.mentor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code directory_users} table: each fact upserted on its own, so events may arrive in any order. */
@Repository
class DirectoryRepository {

    private final JdbcClient jdbc;

    DirectoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DirectoryEntry> find(UUID userId) {
        return jdbc.sql("""
                SELECT user_id, roles_known, is_mentor, profile_known, is_accepting_mentees, hourly_rate, currency, suspended
                FROM directory_users WHERE user_id = :id
                """)
            .param("id", userId)
            .query((rs, n) -> new DirectoryEntry(rs.getObject("user_id", UUID.class), rs.getBoolean("roles_known"),
                    rs.getBoolean("is_mentor"), rs.getBoolean("profile_known"), rs.getBoolean("is_accepting_mentees"),
                    rs.getBigDecimal("hourly_rate"), rs.getString("currency"), rs.getBoolean("suspended")))
            .optional();
    }

    void mentorRole(UUID userId, boolean isMentor, Instant at) {
        jdbc.sql("""
                INSERT INTO directory_users (user_id, roles_known, is_mentor, updated_at) VALUES (:id, TRUE, :mentor, :at)
                ON CONFLICT (user_id) DO UPDATE SET roles_known = TRUE, is_mentor = EXCLUDED.is_mentor, updated_at = EXCLUDED.updated_at
                """).param("id", userId).param("mentor", isMentor).param("at", java.sql.Timestamp.from(at)).update();
    }

    void profile(UUID userId, @Nullable BigDecimal hourlyRate, String currency, boolean accepting, Instant at) {
        jdbc.sql("""
                INSERT INTO directory_users (user_id, profile_known, is_accepting_mentees, hourly_rate, currency, updated_at)
                VALUES (:id, TRUE, :accepting, :rate, :currency, :at)
                ON CONFLICT (user_id) DO UPDATE SET profile_known = TRUE, is_accepting_mentees = EXCLUDED.is_accepting_mentees,
                    hourly_rate = EXCLUDED.hourly_rate, currency = EXCLUDED.currency, updated_at = EXCLUDED.updated_at
                """).param("id", userId).param("accepting", accepting).param("rate", hourlyRate).param("currency", currency)
            .param("at", java.sql.Timestamp.from(at)).update();
    }

    /** What user-service answered for an active mentor: every fact at once. */
    void activeMentor(UUID userId, @Nullable BigDecimal hourlyRate, String currency, boolean accepting, Instant at) {
        jdbc.sql("""
                INSERT INTO directory_users (user_id, roles_known, is_mentor, profile_known, is_accepting_mentees, hourly_rate,
                    currency, suspended, updated_at)
                VALUES (:id, TRUE, TRUE, TRUE, :accepting, :rate, :currency, FALSE, :at)
                ON CONFLICT (user_id) DO UPDATE SET roles_known = TRUE, is_mentor = TRUE, profile_known = TRUE,
                    is_accepting_mentees = EXCLUDED.is_accepting_mentees, hourly_rate = EXCLUDED.hourly_rate,
                    currency = EXCLUDED.currency, suspended = FALSE, updated_at = EXCLUDED.updated_at
                """).param("id", userId).param("accepting", accepting).param("rate", hourlyRate).param("currency", currency)
            .param("at", java.sql.Timestamp.from(at)).update();
    }

    void suspended(UUID userId, boolean suspended, Instant at) {
        jdbc.sql("""
                INSERT INTO directory_users (user_id, suspended, updated_at) VALUES (:id, :suspended, :at)
                ON CONFLICT (user_id) DO UPDATE SET suspended = EXCLUDED.suspended, updated_at = EXCLUDED.updated_at
                """).param("id", userId).param("suspended", suspended).param("at", java.sql.Timestamp.from(at)).update();
    }
}
