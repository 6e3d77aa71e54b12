package com.linkwithmentor.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * How the sandbox misbehaves right now, set through {@code PUT /control/behaviour}: down (its API
 * answers 503 and webhooks wait), webhooks delayed, refused by the sandbox itself a number of times,
 * sent twice, or shuffled; and how refunds, payouts and mandate charges settle on their own.
 */
record Behaviour(boolean down, long webhookDelayMs, int failWebhooks, boolean duplicateWebhooks, boolean reorderWebhooks,
        String refundOutcome, String payoutOutcome, String mandateOutcome, @Nullable String autoPayOutcome) {

    static Behaviour normal() {
        return new Behaviour(false, 0, 0, false, false, "succeeded", "succeeded", "succeeded", null);
    }

    /** The request's fields that are present replace this behaviour's. */
    Behaviour with(BehaviourChange change) {
        return new Behaviour(
                change.down() != null ? change.down() : down,
                change.webhookDelayMs() != null ? change.webhookDelayMs() : webhookDelayMs,
                change.failWebhooks() != null ? change.failWebhooks() : failWebhooks,
                change.duplicateWebhooks() != null ? change.duplicateWebhooks() : duplicateWebhooks,
                change.reorderWebhooks() != null ? change.reorderWebhooks() : reorderWebhooks,
                change.refundOutcome() != null ? change.refundOutcome() : refundOutcome,
                change.payoutOutcome() != null ? change.payoutOutcome() : payoutOutcome,
                change.mandateOutcome() != null ? change.mandateOutcome() : mandateOutcome,
                change.autoPayOutcome() != null ? (change.autoPayOutcome().equals("none") ? null : change.autoPayOutcome())
                        : autoPayOutcome);
    }

    Behaviour failedOneWebhook() {
        return new Behaviour(down, webhookDelayMs, Math.max(0, failWebhooks - 1), duplicateWebhooks, reorderWebhooks,
                refundOutcome, payoutOutcome, mandateOutcome, autoPayOutcome);
    }

    /** A partial change; {@code auto_pay_outcome: "none"} switches automatic payment settling off. */
    record BehaviourChange(@Nullable Boolean down,
            @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(60_000) @Nullable Long webhookDelayMs,
            @jakarta.validation.constraints.PositiveOrZero @jakarta.validation.constraints.Max(1000) @Nullable Integer failWebhooks,
            @Nullable Boolean duplicateWebhooks, @Nullable Boolean reorderWebhooks,
            @jakarta.validation.constraints.Pattern(regexp = "succeeded|failed") @Nullable String refundOutcome,
            @jakarta.validation.constraints.Pattern(regexp = "succeeded|failed") @Nullable String payoutOutcome,
            @jakarta.validation.constraints.Pattern(regexp = "succeeded|failed") @Nullable String mandateOutcome,
            @jakarta.validation.constraints.Pattern(regexp = "succeeded|failed|none") @Nullable String autoPayOutcome) {
    }
}
