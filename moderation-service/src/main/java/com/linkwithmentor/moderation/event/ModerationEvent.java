package com.linkwithmentor.moderation.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * One moderation decision or action (the design's ModerationEvent), with its review state. The
 * record of what happened never changes; the review methods below are the only state changes,
 * and each checks that it makes sense from the current state. Strikes count toward sanctions
 * while {@code strikesActive}: at once for a block, from an admin's uphold for a flag, never
 * after an overturn.
 */
public final class ModerationEvent {

    private final UUID eventId;

    private final UUID userId;

    private final @Nullable String contentId;

    private final @Nullable String contentType;

    private final Severity severity;

    private final List<Category> policyViolated;

    private final ModerationAction action;

    private final EventSource source;

    private final @Nullable String reason;

    private final @Nullable String policyVersion;

    private final List<Match> matches;

    private final @Nullable String contentText;

    private final int strikes;

    private final @Nullable Instant until;

    private final Instant createdAt;

    private boolean strikesActive;

    private ReviewStatus reviewStatus;

    private int priority;

    private @Nullable UUID reviewedBy;

    private @Nullable Instant reviewedAt;

    private @Nullable String reviewReason;

    ModerationEvent(UUID eventId, UUID userId, @Nullable String contentId, @Nullable String contentType,
            Severity severity, List<Category> policyViolated, ModerationAction action, EventSource source,
            @Nullable String reason, @Nullable String policyVersion, List<Match> matches, @Nullable String contentText,
            int strikes, boolean strikesActive, @Nullable Instant until, ReviewStatus reviewStatus, int priority,
            @Nullable UUID reviewedBy, @Nullable Instant reviewedAt, @Nullable String reviewReason, Instant createdAt) {
        this.eventId = eventId;
        this.userId = userId;
        this.contentId = contentId;
        this.contentType = contentType;
        this.severity = severity;
        this.policyViolated = List.copyOf(policyViolated);
        this.action = action;
        this.source = source;
        this.reason = reason;
        this.policyVersion = policyVersion;
        this.matches = List.copyOf(matches);
        this.contentText = contentText;
        this.strikes = strikes;
        this.strikesActive = strikesActive;
        this.until = until;
        this.reviewStatus = reviewStatus;
        this.priority = priority;
        this.reviewedBy = reviewedBy;
        this.reviewedAt = reviewedAt;
        this.reviewReason = reviewReason;
        this.createdAt = createdAt;
    }

    /** The decision stands; returns true when this made its strikes count (an upheld flag). */
    public boolean uphold(UUID admin, String why, Instant at) {
        requireDecidable();
        boolean activated = !strikesActive && strikes > 0;
        strikesActive = strikes > 0;
        decided(ReviewStatus.UPHELD, admin, why, at);
        return activated;
    }

    /** The decision was wrong: its strikes no longer count. */
    public void overturn(UUID admin, String why, Instant at) {
        if (reviewStatus == ReviewStatus.OVERTURNED) {
            throw ApiException.conflict("This decision has already been overturned");
        }
        if (action == ModerationAction.REINSTATE) {
            throw ApiException.conflict("A reinstatement cannot be overturned");
        }
        strikesActive = false;
        decided(ReviewStatus.OVERTURNED, admin, why, at);
    }

    /** Sends the item to senior moderators, ahead of the rest of the queue. */
    public void escalate(UUID admin, String why, Instant at, int priorityBump) {
        if (reviewStatus == ReviewStatus.ESCALATED) {
            throw ApiException.conflict("This item is already escalated");
        }
        requireDecidable();
        priority += priorityBump;
        decided(ReviewStatus.ESCALATED, admin, why, at);
    }

    private void requireDecidable() {
        if (!action.aboutContent()) {
            throw ApiException.conflict("Only decisions about content are reviewed; appeal a sanction instead");
        }
        if (reviewStatus == ReviewStatus.UPHELD || reviewStatus == ReviewStatus.OVERTURNED) {
            throw ApiException.conflict("This item has already been decided (" + reviewStatus.wireName() + ")");
        }
    }

    private void decided(ReviewStatus status, UUID admin, String why, Instant at) {
        reviewStatus = status;
        reviewedBy = admin;
        reviewedAt = at;
        reviewReason = why;
    }

    public UUID eventId() {
        return eventId;
    }

    public UUID userId() {
        return userId;
    }

    public @Nullable String contentId() {
        return contentId;
    }

    public @Nullable String contentType() {
        return contentType;
    }

    public Severity severity() {
        return severity;
    }

    public List<Category> policyViolated() {
        return policyViolated;
    }

    public ModerationAction action() {
        return action;
    }

    public EventSource source() {
        return source;
    }

    public @Nullable String reason() {
        return reason;
    }

    public @Nullable String policyVersion() {
        return policyVersion;
    }

    public List<Match> matches() {
        return matches;
    }

    public @Nullable String contentText() {
        return contentText;
    }

    public int strikes() {
        return strikes;
    }

    public boolean strikesActive() {
        return strikesActive;
    }

    public @Nullable Instant until() {
        return until;
    }

    public ReviewStatus reviewStatus() {
        return reviewStatus;
    }

    public int priority() {
        return priority;
    }

    public @Nullable UUID reviewedBy() {
        return reviewedBy;
    }

    public @Nullable Instant reviewedAt() {
        return reviewedAt;
    }

    public @Nullable String reviewReason() {
        return reviewReason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
