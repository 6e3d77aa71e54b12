package com.linkwithmentor.meeting.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A session as the API shows it: the seed's fields in snake_case, plus what the viewer can do
 * next (pay before the hold runs out, answer a proposal) and how it ended when it did.
 */
public record SessionView(UUID sessionId, UUID mentorId, UUID menteeId, String title, @Nullable String description,
        Instant scheduledStart, Instant scheduledEnd, @Nullable Instant actualStart, @Nullable Instant actualEnd,
        SessionStatus status, SessionType sessionType, @Nullable UUID seriesId, Money price, Origin origin,
        @Nullable Instant holdExpiresAt, int rescheduleCount, @Nullable CancellationView cancellation,
        @Nullable NoShowView noShow, @Nullable ExpiryReason expiredReason, @Nullable NextAction nextAction,
        Instant createdAt, Instant updatedAt) {

    public record CancellationView(Instant cancelledAt, @Nullable UUID cancelledBy, CancelledBy cancelledByRole,
            @Nullable String reason, int refundPercent) {
    }

    public record NoShowView(NoShowParty noShowParty) {
    }

    /** What to do next: an HTTP call to make, and by when. */
    public record NextAction(String type, String method, String href, @Nullable Map<String, Object> body,
            @Nullable Instant deadline) {
    }

    /** The view for a participant ({@code viewer}) or for a service ({@code null}). */
    public static SessionView of(Session session, @Nullable UUID viewer) {
        CancellationView cancellation = session.status() == SessionStatus.CANCELLED && session.cancelledAt() != null
                && session.cancelledByRole() != null
                        ? new CancellationView(session.cancelledAt(), session.cancelledBy(), session.cancelledByRole(),
                                session.cancelReason(), session.refundPercent() != null ? session.refundPercent() : 0)
                        : null;
        NoShowView noShow = session.noShowParty() != null ? new NoShowView(session.noShowParty()) : null;
        return new SessionView(session.id(), session.mentorId(), session.menteeId(), session.title(), session.description(),
                session.scheduledStart(), session.scheduledEnd(), session.actualStart(), session.actualEnd(),
                session.status(), session.sessionType(), session.seriesId(), session.price(), session.origin(),
                session.holdExpiresAt(), session.rescheduleCount(), cancellation, noShow, session.expiredReason(),
                nextAction(session, viewer), session.createdAt(), session.updatedAt());
    }

    private static @Nullable NextAction nextAction(Session session, @Nullable UUID viewer) {
        if (viewer == null || !viewer.equals(session.menteeId())) {
            return null;
        }
        return switch (session.status()) {
            case PENDING_PAYMENT -> new NextAction("checkout", "POST", "/api/v1/payments/checkout",
                    Map.of("session_id", session.id().toString()), session.holdExpiresAt());
            case PROPOSED -> new NextAction("respond", "POST", "/api/v1/sessions/" + session.id() + "/accept", null,
                    session.scheduledStart());
            default -> null;
        };
    }
}
