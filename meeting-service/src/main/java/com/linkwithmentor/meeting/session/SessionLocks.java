package com.linkwithmentor.meeting.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The locking reads of booking and the sweeper. Anything that gives a session a time takes the
 * transaction-scoped advisory locks of both participants first, in one global order, so bookings
 * of one mentor (or one mentee) queue instead of deadlocking inside the exclusion constraints'
 * index checks; the constraints still decide. The sweeper takes rows with {@code FOR UPDATE SKIP
 * LOCKED}, so several instances share the work without waiting for each other.
 */
@Repository
class SessionLocks {

    private final JdbcClient jdbc;

    SessionLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the two people of a booking until the transaction ends. */
    void lockParticipants(UUID mentorId, UUID menteeId) {
        Stream.of(key(mentorId), key(menteeId)).distinct().sorted()
            .forEach(key -> jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", key).query((rs, n) -> 1).single());
    }

    private static long key(UUID user) {
        return user.getMostSignificantBits() ^ user.getLeastSignificantBits();
    }

    /** The two people of a session, read without locking it: whom to lock before locking the session itself. */
    java.util.Optional<UUID[]> participantsOf(UUID sessionId) {
        return jdbc.sql("SELECT mentor_id, mentee_id FROM sessions WHERE session_id = :id").param("id", sessionId)
            .query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
            .optional();
    }

    /** Unpaid holds of either person already past their time, locked (others' locked rows skipped). */
    List<UUID> lapsedHoldsOf(UUID mentorId, UUID menteeId, Instant now) {
        return jdbc.sql("""
                SELECT session_id FROM sessions
                WHERE (mentor_id = :mentor OR mentee_id = :mentee) AND status = 'pending_payment' AND hold_expires_at <= :now
                FOR UPDATE SKIP LOCKED
                """).param("mentor", mentorId).param("mentee", menteeId).param("now", Timestamp.from(now))
            .query(UUID.class).list();
    }

    List<UUID> lapsedHolds(Instant now, int batch) {
        return jdbc.sql("""
                SELECT session_id FROM sessions WHERE status = 'pending_payment' AND hold_expires_at <= :now
                ORDER BY hold_expires_at LIMIT :batch FOR UPDATE SKIP LOCKED
                """).param("now", Timestamp.from(now)).param("batch", batch).query(UUID.class).list();
    }

    List<UUID> lapsedProposals(Instant now, int batch) {
        return jdbc.sql("""
                SELECT session_id FROM sessions WHERE status = 'proposed' AND scheduled_start <= :now
                ORDER BY scheduled_start LIMIT :batch FOR UPDATE SKIP LOCKED
                """).param("now", Timestamp.from(now)).param("batch", batch).query(UUID.class).list();
    }

    /** Sessions in progress past their end plus {@code inProgressCutoff}, or never started past {@code unstartedCutoff}. */
    List<UUID> overdue(Instant inProgressCutoff, Instant unstartedCutoff, int batch) {
        return jdbc.sql("""
                SELECT session_id FROM sessions
                WHERE (status = 'in_progress' AND scheduled_end <= :progress)
                   OR (status = 'scheduled' AND scheduled_end <= :unstarted)
                ORDER BY scheduled_end LIMIT :batch FOR UPDATE SKIP LOCKED
                """).param("progress", Timestamp.from(inProgressCutoff)).param("unstarted", Timestamp.from(unstartedCutoff))
            .param("batch", batch).query(UUID.class).list();
    }
}
