package com.linkwithmentor.moderation.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * An event about to be recorded; the database gives it its id and timestamp. Built by name:
 * {@link #aboutContent} for a decision on a piece of content, {@link #aboutUser} for a sanction
 * or reinstatement.
 */
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

    /** A decision (flag, block, warning) on one piece of content or on a user as reported. */
    public static Builder aboutContent(UUID userId, String contentId, String contentType) {
        return new Builder(userId, contentId, contentType);
    }

    public static final class Builder {

        private final UUID userId;

        private final String contentId;

        private final String contentType;

        private Severity severity = Severity.NONE;

        private List<Category> categories = List.of();

        private @Nullable ModerationAction action;

        private @Nullable EventSource source;

        private @Nullable String reason;

        private @Nullable String policyVersion;

        private List<Match> matches = List.of();

        private @Nullable String text;

        private @Nullable Object context;

        private int strikes;

        private boolean strikesActive;

        private ReviewStatus reviewStatus = ReviewStatus.NONE;

        private int priority;

        private Builder(UUID userId, String contentId, String contentType) {
            this.userId = userId;
            this.contentId = contentId;
            this.contentType = contentType;
        }

        public Builder decided(ModerationAction action, EventSource source, String reason, String policyVersion) {
            this.action = action;
            this.source = source;
            this.reason = reason;
            this.policyVersion = policyVersion;
            return this;
        }

        public Builder violating(Severity severity, List<Category> categories) {
            this.severity = severity;
            this.categories = List.copyOf(categories);
            return this;
        }

        /** What was judged and where (kept for reviewers). */
        public Builder evidence(List<Match> matches, @Nullable String text, @Nullable Object context) {
            this.matches = List.copyOf(matches);
            this.text = text;
            this.context = context;
            return this;
        }

        /** Strikes the decision carries, and whether they count already. */
        public Builder strikes(int strikes, boolean active) {
            this.strikes = strikes;
            this.strikesActive = active;
            return this;
        }

        public Builder review(ReviewStatus status, int priority) {
            this.reviewStatus = status;
            this.priority = priority;
            return this;
        }

        public NewEvent build() {
            return new NewEvent(userId, contentId, contentType, severity, categories,
                    Objects.requireNonNull(action, "decided(...) first"), Objects.requireNonNull(source), reason,
                    policyVersion, matches, text, context, strikes, strikesActive, null, reviewStatus, priority);
        }
    }
}
