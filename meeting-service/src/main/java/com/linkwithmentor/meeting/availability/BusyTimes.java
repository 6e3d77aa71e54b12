package com.linkwithmentor.meeting.availability;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What is already taken, read straight from the sessions table with the same ranges and statuses
 * as its exclusion constraints (so "free" here means "the constraint will accept it"), except that
 * a payment hold already past its expiry counts as free: the sweeper or the next booking ends it.
 * The ranges use the constraints' GiST indexes.
 */
@Repository
public class BusyTimes {

    /** The statuses in which a session holds its time; the exclusion constraints' WHERE clause. */
    public static final List<String> LIVE = List.of("proposed", "pending_payment", "scheduled", "in_progress");

    private static final String HOLDS_TIME = """
            status IN ('proposed', 'pending_payment', 'scheduled', 'in_progress')
            AND NOT (status = 'pending_payment' AND hold_expires_at <= :now)
            """;

    private final JdbcClient jdbc;

    BusyTimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The mentor's live sessions widened by their buffers, overlapping {@code [from, to)}. */
    public List<Interval> mentorBlocked(UUID mentorId, Instant from, Instant to, Instant now) {
        return jdbc.sql("SELECT blocked_from AS s, blocked_until AS e FROM sessions WHERE mentor_id = :user AND " + HOLDS_TIME
                + " AND tstzrange(blocked_from, blocked_until, '[)') && tstzrange(:from, :to, '[)')")
            .param("user", mentorId).param("now", Timestamp.from(now))
            .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
            .query((rs, n) -> new Interval(rs.getTimestamp("s").toInstant(), rs.getTimestamp("e").toInstant()))
            .list();
    }

    /**
     * A person's live sessions in either role (their own times, no buffers) overlapping
     * {@code [from, to)}: whoever books as a mentee must not be mentoring then either.
     */
    public List<Interval> personBusy(UUID userId, Instant from, Instant to, Instant now) {
        return jdbc.sql("SELECT scheduled_start AS s, scheduled_end AS e FROM sessions WHERE (mentee_id = :user OR mentor_id = :user)"
                + " AND " + HOLDS_TIME + " AND tstzrange(scheduled_start, scheduled_end, '[)') && tstzrange(:from, :to, '[)')")
            .param("user", userId).param("now", Timestamp.from(now))
            .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
            .query((rs, n) -> new Interval(rs.getTimestamp("s").toInstant(), rs.getTimestamp("e").toInstant()))
            .list();
    }

    /**
     * Whether one of the two is in a session in their other role then (the mentor booked as someone's
     * mentee, the mentee mentoring someone): the constraints hold each role apart, so this is checked
     * here, under the booking's locks, which are per person whatever the role.
     */
    public boolean inOtherRole(UUID mentorId, UUID menteeId, Instant start, Instant end, Instant now) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sessions WHERE (mentee_id = :mentor OR mentor_id = :mentee) AND "
                + HOLDS_TIME + " AND tstzrange(scheduled_start, scheduled_end, '[)') && tstzrange(:from, :to, '[)'))")
            .param("mentor", mentorId).param("mentee", menteeId).param("now", Timestamp.from(now))
            .param("from", Timestamp.from(start)).param("to", Timestamp.from(end))
            .query(Boolean.class).single();
    }

    /** How many live sessions the mentor has on each local date touching {@code [from, to)}, for the daily cap. */
    public Map<LocalDate, Integer> mentorSessionsPerDay(UUID mentorId, ZoneId zone, Instant from, Instant to, Instant now) {
        Map<LocalDate, Integer> perDay = new HashMap<>();
        jdbc.sql("SELECT scheduled_start FROM sessions WHERE mentor_id = :user AND " + HOLDS_TIME
                + " AND scheduled_start >= :from AND scheduled_start < :to")
            .param("user", mentorId).param("now", Timestamp.from(now))
            .param("from", Timestamp.from(from.minusSeconds(2 * 86_400))).param("to", Timestamp.from(to.plusSeconds(2 * 86_400)))
            .query((rs, n) -> rs.getTimestamp(1).toInstant())
            .list()
            .forEach(start -> perDay.merge(start.atZone(zone).toLocalDate(), 1, Integer::sum));
        return perDay;
    }
}
