package com.linkwithmentor.moderation.analysis;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Decision;
import com.linkwithmentor.moderation.policy.Finding;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * What the policy makes of a message: the decision, the severity and categories that led to it,
 * the located findings in those categories (original-text offsets), and the strikes it carries
 * if it stands. Categories whose findings the policy allows are not reported.
 */
public record Verdict(Decision decision, Severity severity, List<Category> categories, List<Finding> findings,
        int strikes, int priority, String policyVersion, long fingerprint, int normalizedLength,
        @Nullable String normalized) {

    public boolean violates() {
        return decision != Decision.ALLOW;
    }
}
