package com.linkwithmentor.user.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonFormat;

import tools.jackson.databind.JsonNode;

/** A mentor's public profile; money is a decimal string with its currency. */
public record MentorProfileView(UUID userId, String username, @Nullable String displayName, @Nullable String headline,
        @Nullable String bio, List<String> specializations,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable BigDecimal hourlyRate, String currency,
        @Nullable JsonNode availability, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rating,
        int totalSessionsAsMentor, @Nullable Integer yearsOfExperience, List<String> certifications,
        boolean isAcceptingMentees, boolean complete, Instant updatedAt) {
}
