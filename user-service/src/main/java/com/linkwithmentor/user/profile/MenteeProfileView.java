package com.linkwithmentor.user.profile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A mentee's learning profile, visible to its owner and admins. */
public record MenteeProfileView(UUID userId, List<String> learningGoals, List<String> interests,
        String experienceLevel, int totalSessionsAsMentee, List<String> preferredSessionTypes, Instant updatedAt) {
}
