package com.linkwithmentor.meeting.session;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The refund policy as data (table {@code refund_policy}): for who cancelled, the rule with the
 * largest notice the cancellation still gave decides the percentage refunded. Defaults: a mentee
 * cancelling 24 h or more ahead gets 100 %, 2 to 24 h 50 %, under 2 h nothing; a mentor or the
 * platform cancelling refunds 100 % always. A role with no rule refunds in full.
 */
public record RefundPolicy(List<Rule> rules) {

    public RefundPolicy {
        rules = rules.stream().sorted(Comparator.comparing(Rule::cancelledBy).thenComparing(Rule::minNoticeMinutes,
                Comparator.reverseOrder())).toList();
    }

    public record Rule(CancelledBy cancelledBy, int minNoticeMinutes, int refundPercent) {
    }

    /** The rule that applies to a cancellation by this side with this much notice. */
    public Rule ruleFor(CancelledBy by, Duration notice) {
        long minutes = Math.max(0, notice.toMinutes());
        return rules.stream()
            .filter(rule -> rule.cancelledBy() == by && rule.minNoticeMinutes() <= minutes)
            .findFirst()
            .orElse(new Rule(by, 0, 100));
    }

    /** The rules for one side, most notice first: what a canceller is shown. */
    public List<Rule> rulesFor(CancelledBy by) {
        return rules.stream().filter(rule -> rule.cancelledBy() == by).toList();
    }
}
