package com.linkwithmentor.chat.moderation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What moderation said about one text, or that it could not be asked (then the status is pending). */
public record Verdict(ModerationStatus status, List<String> categories, @Nullable String severity,
        @Nullable String policyVersion, boolean answered) {

    public Verdict {
        categories = List.copyOf(categories);
    }

    static Verdict unanswered() {
        return new Verdict(ModerationStatus.PENDING, List.of(), null, null, false);
    }

    /** Why a blocked or flagged text was judged so, in words fit for its sender. */
    public String explanation() {
        String what = categories.isEmpty() ? "our content policy" : "our content policy (" + String.join(", ", categories) + ")";
        return switch (status) {
            case BLOCKED -> "Your message was not sent: it breaks " + what;
            case FLAGGED -> "Your message was delivered and marked for review under " + what;
            case PENDING -> "Your message was delivered; it will be reviewed shortly";
            case APPROVED -> "Approved";
        };
    }
}
