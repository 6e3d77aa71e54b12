package com.linkwithmentor.moderation.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;

/** An event about to be recorded; the database gives it its id and timestamp. */
public record NewEvent(UUID userId, @Nullable String contentId, @Nullable String contentType, Severity severity,
        List<Category> policyViolated, ModerationAction action, EventSource source, @Nullable String reason,
        @Nullable String policyVersion, List<Match> matches, @Nullable String contentText, @Nullable Object context,
        int strikes, boolean strikesActive, @Nullable Instant until, ReviewStatus reviewStatus, int priority) {

    /** A sanction or reinstatement of the user, not tied to one piece of content. */
    public static NewEvent aboutUser(UUID userId, ModerationAction action, EventSource source, Severity severity,
            List<Category> categories, String reason, @Nullable Instant until, @Nullable String policyVersion) {
        return new NewEvent(userId, null, null, severity, categories, action, source, reason, policyVersion, List.of(),
                null, null, 0, false, until, ReviewStatus.NONE, 0);
    }
}
