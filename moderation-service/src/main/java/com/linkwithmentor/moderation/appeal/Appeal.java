package com.linkwithmentor.moderation.appeal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonValue;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.moderation.event.ReviewDecision;

/**
 * A user's request to reverse a decision about them: one per decision, decided once by an admin
 * (the decision stands, is overturned, or goes to senior moderators first).
 */
final class Appeal {

    enum Status {

        OPEN, ESCALATED, UPHELD, OVERTURNED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final UUID appealId;

    private final UUID eventId;

    private final UUID userId;

    private final String reason;

    private final Instant createdAt;

    private Status status;

    private @Nullable UUID decidedBy;

    private @Nullable Instant decidedAt;

    private @Nullable String decisionReason;

    Appeal(UUID appealId, UUID eventId, UUID userId, String reason, Status status, @Nullable UUID decidedBy,
            @Nullable Instant decidedAt, @Nullable String decisionReason, Instant createdAt) {
        this.appealId = appealId;
        this.eventId = eventId;
        this.userId = userId;
        this.reason = reason;
        this.status = status;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.decisionReason = decisionReason;
        this.createdAt = createdAt;
    }

    void decide(ReviewDecision decision, UUID admin, String why, Instant at) {
        if (status == Status.UPHELD || status == Status.OVERTURNED) {
            throw ApiException.conflict("This appeal has already been decided (" + status.wireName() + ")");
        }
        if (decision == ReviewDecision.ESCALATE && status == Status.ESCALATED) {
            throw ApiException.conflict("This appeal is already escalated");
        }
        status = switch (decision) {
            case UPHOLD -> Status.UPHELD;
            case OVERTURN -> Status.OVERTURNED;
            case ESCALATE -> Status.ESCALATED;
        };
        decidedBy = admin;
        decidedAt = at;
        decisionReason = why;
    }

    UUID appealId() {
        return appealId;
    }

    UUID eventId() {
        return eventId;
    }

    UUID userId() {
        return userId;
    }

    String reason() {
        return reason;
    }

    Status status() {
        return status;
    }

    @Nullable UUID decidedBy() {
        return decidedBy;
    }

    @Nullable Instant decidedAt() {
        return decidedAt;
    }

    @Nullable String decisionReason() {
        return decisionReason;
    }

    Instant createdAt() {
        return createdAt;
    }
}
