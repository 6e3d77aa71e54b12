package com.linkwithmentor.moderation.enforcement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.moderation.event.ModerationAction;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.event.ReviewStatus;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * What moderation tells the rest of the platform on {@code events.moderation}, through the outbox
 * so an event exists exactly when its decision committed: chat hides blocked content and stops a
 * muted or suspended sender; user-service suspends and reinstates accounts. The subject is the
 * user the event is about. {@code ContentCleared} (a flag or block overturned, so the content may
 * be shown again) goes beyond the five types of the issue.
 */
@Component
class ModerationOutbox {

    private final OutboxWriter outbox;

    ModerationOutbox(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** A flagged or blocked piece of content; {@code action} says which. */
    record ContentDecision(UUID moderationEventId, UUID userId, @Nullable String contentId, @Nullable String contentType,
            ModerationAction action, Severity severity, List<Category> categories, ReviewStatus reviewStatus,
            @Nullable String policyVersion, @Nullable String reason) {
    }

    record ContentCleared(UUID moderationEventId, UUID userId, @Nullable String contentId, @Nullable String contentType,
            String reason) {
    }

    /** A warning, mute ({@code until} set) or suspension. */
    record Sanction(UUID moderationEventId, UUID userId, String reason, @Nullable Instant until, List<Category> categories,
            Severity severity) {
    }

    record Reinstatement(UUID moderationEventId, UUID userId, String reason, Standing.Status lifted) {
    }

    void contentFlagged(ModerationEvent event) {
        outbox.append(Streams.MODERATION, "ContentFlagged", event.userId(), new ContentDecision(event.eventId(),
                event.userId(), event.contentId(), event.contentType(), event.action(), event.severity(),
                event.policyViolated(), event.reviewStatus(), event.policyVersion(), event.reason()));
    }

    void contentCleared(ModerationEvent event, String reason) {
        outbox.append(Streams.MODERATION, "ContentCleared", event.userId(),
                new ContentCleared(event.eventId(), event.userId(), event.contentId(), event.contentType(), reason));
    }

    void sanctioned(ModerationEvent event) {
        String type = switch (event.action()) {
            case WARN -> "UserWarned";
            case MUTE -> "UserMuted";
            case SUSPEND -> "UserSuspended";
            default -> throw new IllegalArgumentException("Not a sanction: " + event.action());
        };
        outbox.append(Streams.MODERATION, type, event.userId(), new Sanction(event.eventId(), event.userId(),
                String.valueOf(event.reason()), event.until(), event.policyViolated(), event.severity()));
    }

    void reinstated(ModerationEvent event, Standing.Status lifted) {
        outbox.append(Streams.MODERATION, "UserReinstated", event.userId(),
                new Reinstatement(event.eventId(), event.userId(), String.valueOf(event.reason()), lifted));
    }
}
