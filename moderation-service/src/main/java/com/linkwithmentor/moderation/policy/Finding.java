package com.linkwithmentor.moderation.policy;

/**
 * One thing analysis found: which policy, how bad, where in the original text ({@code start}
 * inclusive, {@code end} exclusive, UTF-16 indexes; both -1 for findings about behaviour rather
 * than a place in the text), and the rule that found it (for logs and tests, never shown to users).
 */
public record Finding(Category category, Severity severity, int start, int end, String rule) {

    public boolean located() {
        return start >= 0;
    }
}
