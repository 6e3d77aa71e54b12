package com.linkwithmentor.moderation.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * A moderation event as the API shows it: the design's fields ({@code event_id}, {@code content_id},
 * {@code content_type}, {@code user_id}, {@code severity}, {@code policy_violated},
 * {@code action_taken}, {@code timestamp}) plus why, until when, the review state and the policy
 * version. The affected user sees their own content; only admins see which admin reviewed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(UUID eventId, @Nullable String contentId, @Nullable String contentType, UUID userId,
        Severity severity, List<Category> policyViolated, ModerationAction actionTaken, EventSource source,
        @Nullable String reason, @Nullable Instant until, int strikes, boolean strikesCount, ReviewStatus reviewStatus,
        @Nullable String reviewReason, @Nullable UUID reviewedBy, @Nullable String policyVersion, List<Match> matches,
        @Nullable String text, Instant timestamp) {

    public static EventView of(ModerationEvent event, boolean forAdmin) {
        return new EventView(event.eventId(), event.contentId(), event.contentType(), event.userId(), event.severity(),
                event.policyViolated(), event.action(), event.source(), event.reason(), event.until(), event.strikes(),
                event.strikesActive(), event.reviewStatus(), event.reviewReason(), forAdmin ? event.reviewedBy() : null,
                event.policyVersion(), event.matches(), event.contentText(), event.createdAt());
    }
}
