package com.linkwithmentor.moderation.policy;

/**
 * One thing analysis found: which policy, how bad, where in the original text ({@code start}
 * inclusive, {@code end} exclusive, UTF-16 indexes; both -1 for findings about behaviour rather
 * than a place in the text), the stage that found it, and the rule (for logs and tests, never
 * shown to users).
 */
public record Finding(Category category, Severity severity, int start, int end, String rule, Stage stage) {

    /** A finding about what the user did over time rather than a place in the text. */
    public static Finding behaviour(Category category, Severity severity, String rule) {
        return new Finding(category, severity, -1, -1, rule, Stage.BEHAVIOUR);
    }

    public boolean located() {
        return start >= 0;
    }
}
