package com.linkwithmentor.moderation.analysis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.moderation.event.Match;
import com.linkwithmentor.moderation.event.ModerationAction;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Decision;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * The verdict: {@code decision} (allow, flag: deliver and queue for review, block: do not
 * deliver), the highest {@code severity}, the violated {@code categories}, and where in the
 * original text ({@code matches}, UTF-16 offsets, end exclusive). {@code event_id} names the
 * recorded moderation event when the content was flagged or blocked; {@code sanction} says what
 * happened to the sender because of it, so chat can act before the event arrives.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AnalyzeResponse(Decision decision, Severity severity, List<Category> categories, List<Match> matches,
        @Nullable String normalized, String policyVersion, @Nullable UUID eventId, @Nullable SanctionView sanction) {

    record SanctionView(UUID eventId, ModerationAction action, @Nullable Instant until, @Nullable String reason) {
    }
}
