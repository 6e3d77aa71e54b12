package com.linkwithmentor.signaling.eligibility;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What a call needs of a meeting-service session (its JSON has more; unknown fields are ignored). */
public record SessionView(UUID sessionId, UUID mentorId, UUID menteeId, @Nullable Instant scheduledStart,
        @Nullable Instant scheduledEnd, @Nullable String status) {
}
