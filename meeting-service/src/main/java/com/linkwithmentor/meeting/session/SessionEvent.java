package com.linkwithmentor.meeting.session;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What happened to a session, as published on {@code events.meetings} (subject: the session id).
 * Each record is exactly its event's payload (snake_case on the wire); {@link #type()} names it.
 * Sessions record these as they change; other features may listen to them after commit.
 */
public sealed interface SessionEvent {

    @JsonIgnore
    String type();

    UUID sessionId();

    /** A new booking, or a proposal the mentee accepted: payment-service holds {@code price} unless it is free. */
    record Booked(UUID sessionId, @Nullable UUID seriesId, UUID mentorId, UUID menteeId, Instant scheduledStart,
            Instant scheduledEnd, Money price, SessionStatus status, @Nullable Instant holdExpiresAt) implements SessionEvent {

        @Override
        public String type() {
            return "SessionBooked";
        }
    }

    record Proposed(UUID sessionId, UUID mentorId, UUID menteeId, Instant scheduledStart, Instant scheduledEnd,
            Money price) implements SessionEvent {

        @Override
        public String type() {
            return "SessionProposed";
        }
    }

    /** Not in the first contract: a mentee turned a proposal down (consumers ignore types they do not know). */
    record Declined(UUID sessionId, UUID mentorId, UUID menteeId, UUID declinedBy) implements SessionEvent {

        @Override
        public String type() {
            return "SessionDeclined";
        }
    }

    /** The session became scheduled: its money is held (or it is free and was accepted). */
    record Confirmed(UUID sessionId, UUID mentorId, UUID menteeId) implements SessionEvent {

        @Override
        public String type() {
            return "SessionConfirmed";
        }
    }

    record Rescheduled(UUID sessionId, Instant scheduledStart, Instant scheduledEnd, int rescheduleCount)
            implements SessionEvent {

        @Override
        public String type() {
            return "SessionRescheduled";
        }
    }

    /** {@code cancelledBy} is the user, or null when the platform cancelled; payment-service refunds {@code refundPercent} of what it holds. */
    record Cancelled(UUID sessionId, UUID mentorId, UUID menteeId, @Nullable UUID cancelledBy, CancelledBy cancelledByRole,
            int refundPercent, String reason, boolean wasPaid) implements SessionEvent {

        @Override
        public String type() {
            return "SessionCancelled";
        }
    }

    record Started(UUID sessionId, Instant actualStart) implements SessionEvent {

        @Override
        public String type() {
            return "SessionStarted";
        }
    }

    record Completed(UUID sessionId, UUID mentorId, UUID menteeId, Instant actualStart, Instant actualEnd)
            implements SessionEvent {

        @Override
        public String type() {
            return "SessionCompleted";
        }
    }

    /** {@code reportedBy} is the participant who waited, or null when the platform recorded it after the session. */
    record NoShow(UUID sessionId, UUID mentorId, UUID menteeId, NoShowParty noShowParty, @Nullable UUID reportedBy)
            implements SessionEvent {

        @Override
        public String type() {
            return "SessionNoShow";
        }
    }

    record Expired(UUID sessionId, UUID mentorId, UUID menteeId, ExpiryReason reason) implements SessionEvent {

        @Override
        public String type() {
            return "SessionExpired";
        }
    }
}
