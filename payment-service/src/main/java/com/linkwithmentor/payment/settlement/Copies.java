package com.linkwithmentor.payment.settlement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * payment-service's read copies of what meeting-service and lecture-service own: a session's or an
 * enrollment's parties, price and status, kept from their events (or a service-token call at
 * checkout when no event has arrived yet).
 */
@Component
public class Copies {

    private final JdbcClient jdbc;

    Copies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record SessionCopy(UUID sessionId, UUID mentorId, UUID menteeId, long amountMinor, String currency, String status,
            @Nullable Instant completedAt) {
    }

    public record EnrollmentCopy(UUID enrollmentId, UUID courseId, UUID menteeId, UUID mentorId, long amountMinor,
            String currency, String status) {
    }

    public void saveSession(UUID sessionId, UUID mentorId, UUID menteeId, long amountMinor, String currency, String status,
            @Nullable Instant holdExpiresAt) {
        jdbc.sql("""
                INSERT INTO session_copies (session_id, mentor_id, mentee_id, amount_minor, currency, status, hold_expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (session_id) DO UPDATE SET mentor_id = EXCLUDED.mentor_id, mentee_id = EXCLUDED.mentee_id,
                    amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency,
                    status = CASE WHEN session_copies.status IN ('pending_payment', 'proposed') THEN EXCLUDED.status
                                  ELSE session_copies.status END,
                    hold_expires_at = EXCLUDED.hold_expires_at, updated_at = now()
                """).params(sessionId, mentorId, menteeId, amountMinor, currency, status,
                        holdExpiresAt != null ? Timestamp.from(holdExpiresAt) : null)
            .update();
    }

    /** Records a later status; false when payment-service never saw the session. */
    public boolean sessionStatus(UUID sessionId, String status, @Nullable Instant completedAt) {
        return jdbc.sql("""
                UPDATE session_copies SET status = ?, completed_at = coalesce(?, completed_at), updated_at = now()
                WHERE session_id = ?
                """).params(status, completedAt != null ? Timestamp.from(completedAt) : null, sessionId).update() == 1;
    }

    public Optional<SessionCopy> session(UUID sessionId) {
        return jdbc.sql("SELECT * FROM session_copies WHERE session_id = ?").param(sessionId)
            .query((rs, n) -> new SessionCopy(rs.getObject("session_id", UUID.class), rs.getObject("mentor_id", UUID.class),
                    rs.getObject("mentee_id", UUID.class), rs.getLong("amount_minor"), rs.getString("currency"),
                    rs.getString("status"),
                    rs.getTimestamp("completed_at") != null ? rs.getTimestamp("completed_at").toInstant() : null))
            .optional();
    }

    /**
     * The session's copy, its row locked: a hold and a cancellation of one session serialise on it,
     * so whichever commits second sees the other (a payment never lands in a cancelled session's escrow).
     */
    public Optional<SessionCopy> lockSession(UUID sessionId) {
        return jdbc.sql("SELECT * FROM session_copies WHERE session_id = ? FOR UPDATE").param(sessionId)
            .query((rs, n) -> new SessionCopy(rs.getObject("session_id", UUID.class), rs.getObject("mentor_id", UUID.class),
                    rs.getObject("mentee_id", UUID.class), rs.getLong("amount_minor"), rs.getString("currency"),
                    rs.getString("status"),
                    rs.getTimestamp("completed_at") != null ? rs.getTimestamp("completed_at").toInstant() : null))
            .optional();
    }

    public Optional<EnrollmentCopy> lockEnrollment(UUID enrollmentId) {
        return jdbc.sql("SELECT * FROM enrollment_copies WHERE enrollment_id = ? FOR UPDATE").param(enrollmentId)
            .query((rs, n) -> new EnrollmentCopy(rs.getObject("enrollment_id", UUID.class), rs.getObject("course_id", UUID.class),
                    rs.getObject("mentee_id", UUID.class), rs.getObject("mentor_id", UUID.class), rs.getLong("amount_minor"),
                    rs.getString("currency"), rs.getString("status")))
            .optional();
    }

    public void saveEnrollment(UUID enrollmentId, UUID courseId, UUID menteeId, UUID mentorId, long amountMinor, String currency,
            String status) {
        jdbc.sql("""
                INSERT INTO enrollment_copies (enrollment_id, course_id, mentee_id, mentor_id, amount_minor, currency, status)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (enrollment_id) DO UPDATE SET amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency,
                    status = CASE WHEN enrollment_copies.status = 'pending_payment' THEN EXCLUDED.status
                                  ELSE enrollment_copies.status END, updated_at = now()
                """).params(enrollmentId, courseId, menteeId, mentorId, amountMinor, currency, status).update();
    }

    public boolean enrollmentStatus(UUID enrollmentId, String status) {
        return jdbc.sql("UPDATE enrollment_copies SET status = ?, updated_at = now() WHERE enrollment_id = ?")
            .params(status, enrollmentId).update() == 1;
    }

    public Optional<EnrollmentCopy> enrollment(UUID enrollmentId) {
        return jdbc.sql("SELECT * FROM enrollment_copies WHERE enrollment_id = ?").param(enrollmentId)
            .query((rs, n) -> new EnrollmentCopy(rs.getObject("enrollment_id", UUID.class), rs.getObject("course_id", UUID.class),
                    rs.getObject("mentee_id", UUID.class), rs.getObject("mentor_id", UUID.class), rs.getLong("amount_minor"),
                    rs.getString("currency"), rs.getString("status")))
            .optional();
    }
}
