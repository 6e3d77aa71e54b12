package com.linkwithmentor.moderation.policy;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Raises a category's severity when findings add up: either {@code atLeast} findings of a category
 * or of a named rule (three links make spam), or findings at or above the given severities in all
 * of {@code whenAll} at once (a phone number next to "whatsapp me" is solicitation, not just
 * personal data).
 */
public record Escalation(Map<Category, Severity> whenAll, @Nullable Category countCategory, @Nullable String countRule,
        int atLeast, Category raise, Severity to) {
}
