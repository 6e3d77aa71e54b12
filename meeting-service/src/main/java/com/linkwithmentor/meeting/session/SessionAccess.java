package com.linkwithmentor.meeting.session;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;

/**
 * What the features built on a session (whiteboard, notes, materials, calendars) may know of it:
 * whether a user takes part (404 otherwise, so ids cannot be probed) and its calendar entry.
 */
@Service
public class SessionAccess {

    /** Statuses in which a session's shared work (board, notes, materials) may still change. */
    private static final Set<SessionStatus> WORKABLE = Set.of(SessionStatus.PROPOSED, SessionStatus.PENDING_PAYMENT,
            SessionStatus.SCHEDULED, SessionStatus.IN_PROGRESS, SessionStatus.COMPLETED);

    private static final Set<SessionStatus> ON_CALENDAR = Set.of(SessionStatus.PROPOSED, SessionStatus.PENDING_PAYMENT,
            SessionStatus.SCHEDULED, SessionStatus.IN_PROGRESS, SessionStatus.COMPLETED, SessionStatus.CANCELLED,
            SessionStatus.NO_SHOW);

    private final SessionRepository sessions;

    SessionAccess(SessionRepository sessions) {
        this.sessions = sessions;
    }

    /** A user's part in a session. */
    public record Participation(UUID sessionId, UUID userId, UUID mentorId, UUID menteeId, SessionStatus status,
            Instant scheduledStart, Instant scheduledEnd) {

        public boolean workable() {
            return WORKABLE.contains(status);
        }

        public UUID otherParticipant() {
            return userId.equals(mentorId) ? menteeId : mentorId;
        }
    }

    /** A session as a calendar shows it; {@code sequence} grows with each reschedule and cancellation. */
    public record CalendarEntry(UUID sessionId, UUID mentorId, UUID menteeId, String title, @Nullable String description,
            Instant start, Instant end, SessionStatus status, int sequence, Instant createdAt, Instant updatedAt) {
    }

    @Transactional(readOnly = true)
    public Participation requireParticipant(UUID sessionId, UUID userId) {
        Session session = sessions.findById(sessionId).filter(s -> s.involves(userId))
            .orElseThrow(() -> ApiException.notFound("Session"));
        return new Participation(session.id(), userId, session.mentorId(), session.menteeId(), session.status(),
                session.scheduledStart(), session.scheduledEnd());
    }

    /** Like {@link #requireParticipant}, and the session must still be open to shared work (409 otherwise). */
    @Transactional(readOnly = true)
    public Participation requireWorkable(UUID sessionId, UUID userId) {
        Participation participation = requireParticipant(sessionId, userId);
        if (!participation.workable()) {
            throw ApiException.conflict("This session is " + participation.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; its board, notes and materials can no longer change");
        }
        return participation;
    }

    @Transactional(readOnly = true)
    public CalendarEntry calendarEntry(UUID sessionId, UUID userId) {
        Session session = sessions.findById(sessionId).filter(s -> s.involves(userId))
            .orElseThrow(() -> ApiException.notFound("Session"));
        return entry(session);
    }

    @Transactional(readOnly = true)
    public List<CalendarEntry> calendarOf(UUID userId, Instant from, int max) {
        return sessions.calendarOf(userId, from, ON_CALENDAR, Limit.of(max)).stream().map(SessionAccess::entry).toList();
    }

    private static CalendarEntry entry(Session session) {
        return new CalendarEntry(session.id(), session.mentorId(), session.menteeId(), session.title(), session.description(),
                session.scheduledStart(), session.scheduledEnd(), session.status(), session.icsSequence(),
                session.createdAt(), session.updatedAt());
    }
}
