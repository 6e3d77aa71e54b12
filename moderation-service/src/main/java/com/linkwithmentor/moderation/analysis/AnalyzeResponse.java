package com.linkwithmentor.moderation.analysis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.moderation.event.Match;
import com.linkwithmentor.moderation.event.ModerationAction;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * The verdict: {@code decision} (allow, flag: deliver and queue for review, block: do not
 * deliver; {@code unsupported} when the content cannot be analysed here, audio), the highest
 * {@code severity}, the violated {@code categories}, and where ({@code matches}, each naming the
 * stage that found it). {@code event_id} names the recorded moderation event when the content was
 * flagged or blocked; {@code sanction} says what happened to the sender because of it, so chat can
 * act before the event arrives. {@code checks} says which checks ran on a picture or video (and
 * which could not), {@code frames} what each picture or keyframe showed them; {@code reason}
 * explains an {@code unsupported} answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AnalyzeResponse(Outcome decision, Severity severity, List<Category> categories, List<Match> matches,
        @Nullable String normalized, String policyVersion, @Nullable UUID eventId, @Nullable SanctionView sanction,
        @Nullable List<Check> checks, @Nullable List<Frame> frames, @Nullable String reason) {

    record SanctionView(UUID eventId, ModerationAction action, @Nullable Instant until, @Nullable String reason) {
    }

    /** {@code status}: done, unavailable (the tool is missing here) or unsupported. */
    record Check(String check, String status, @Nullable String detail) {
    }

    /**
     * One picture, or one keyframe of a video ({@code frame} and {@code at_seconds} then set):
     * its PDQ hash and quality, and the text OCR read in it (what {@code matches} offsets count in).
     */
    record Frame(@Nullable Integer frame, @Nullable Double atSeconds, int width, int height, @Nullable String pdq,
            @Nullable Integer quality, @Nullable String ocrText) {
    }
}
