package com.linkwithmentor.meeting.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The locking reads of booking and the sweeper. Whatever gives a session a time first takes
 * transaction-scoped advisory locks on the time it will hold: one per participant and 30-minute
 * bucket the range touches (the mentor's range widened by buffers, the mentee's bare), all taken
 * in one global order. Two bookings that could collide share a bucket and queue, instead of both
 * entering the exclusion constraints' index checks at once and deadlocking there; bookings of
 * different times run side by side. The constraints still decide. A mentor with a daily cap also
 * has a lock per local day, so the count of the day's sessions stays true. The sweeper takes rows
 * with {@code FOR UPDATE SKIP LOCKED}, so several instances share its work without waiting.
 */
@Repository
class SessionLocks {

    private final JdbcClient jdbc;

    SessionLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a session about to hold a time locks: each participant's range, and the mentor's local day if capped. */
    record Claim(UUID mentorId, UUID menteeId, Instant blockedFrom, Instant blockedUntil, Instant start, Instant end,
            @Nullable LocalDate cappedDay) {
    }

    private static final long BUCKET_SECONDS = 30 * 60;

    /** Takes the advisory locks of these claims until the transaction ends, in one global order. */
    void lock(List<Claim> claims) {
        TreeSet<Long> keys = new TreeSet<>();
        for (Claim claim : claims) {
            buckets(keys, claim.mentorId(), claim.blockedFrom(), claim.blockedUntil());
            buckets(keys, claim.menteeId(), claim.start(), claim.end());
            if (claim.cappedDay() != null) {
                keys.add(key(claim.mentorId(), "day:" + claim.cappedDay()));
            }
        }
        // One round trip; PostgreSQL evaluates a volatile target list after ORDER BY, so the locks are taken in key order.
        jdbc.sql("""
                SELECT count(pg_advisory_xact_lock(k)) FROM (
                    SELECT k FROM unnest(CAST(:keys AS bigint[])) WITH ORDINALITY AS t(k, i) ORDER BY i) ordered
                """).param("keys", keys.toArray(Long[]::new)).query(Long.class).single();
    }

    private static void buckets(Set<Long> keys, UUID user, Instant from, Instant until) {
        long first = Math.floorDiv(from.getEpochSecond(), BUCKET_SECONDS);
        long last = Math.floorDiv(until.minusNanos(1).getEpochSecond(), BUCKET_SECONDS);
        for (long bucket = first; bucket <= last; bucket++) {
            keys.add(key(user, Long.toString(bucket)));
        }
    }

    private static long key(UUID user, String part) {
        long hash = user.getMostSignificantBits() * 31 + user.getLeastSignificantBits();
        for (int i = 0; i < part.length(); i++) {
            hash = hash * 1_000_003 + part.charAt(i);
        }
        return hash ^ (hash >>> 29);
    }

    /** Who a session is between and the time it holds, read without locking it: what to lock before locking the row. */
    record Facts(UUID mentorId, UUID menteeId, Instant blockedFrom, Instant blockedUntil, Instant start, Instant end) {

        boolean involves(UUID user) {
            return mentorId.equals(user) || menteeId.equals(user);
        }
    }

    java.util.Optional<Facts> facts(UUID sessionId) {
        return jdbc.sql("""
                SELECT mentor_id, mentee_id, blocked_from, blocked_until, scheduled_start, scheduled_end
                FROM sessions WHERE session_id = :id
                """).param("id", sessionId)
            .query((rs, n) -> new Facts(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                    rs.getTimestamp(6).toInstant()))
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
