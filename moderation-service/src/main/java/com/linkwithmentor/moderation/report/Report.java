package com.linkwithmentor.moderation.report;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.policy.Category;

/** One person's report in a case; reporting the same target again updates it. */
public record Report(UUID reportId, UUID caseId, UUID reporterId, Category reason, @Nullable String details,
        int submissions, Instant createdAt, Instant updatedAt) {
}
