package com.linkwithmentor.meeting.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The default policy as the migration seeds it: a mentee's refund depends on notice, a mentor's never does. */
class RefundPolicyTests {

    static final RefundPolicy DEFAULT = new RefundPolicy(List.of(new RefundPolicy.Rule(CancelledBy.MENTEE, 1440, 100),
            new RefundPolicy.Rule(CancelledBy.MENTEE, 120, 50), new RefundPolicy.Rule(CancelledBy.MENTEE, 0, 0),
            new RefundPolicy.Rule(CancelledBy.MENTOR, 0, 100), new RefundPolicy.Rule(CancelledBy.SYSTEM, 0, 100)));

    @Test
    void aMenteeGetsAllBackADayAheadHalfFromTwoHoursAndNothingLater() {
        assertThat(DEFAULT.ruleFor(CancelledBy.MENTEE, Duration.ofHours(48)).refundPercent()).isEqualTo(100);
        assertThat(DEFAULT.ruleFor(CancelledBy.MENTEE, Duration.ofHours(24)).refundPercent()).isEqualTo(100);
        assertThat(DEFAULT.ruleFor(CancelledBy.MENTEE, Duration.ofHours(24).minusMinutes(1)).refundPercent()).isEqualTo(50);
        assertThat(DEFAULT.ruleFor(CancelledBy.MENTEE, Duration.ofHours(2)).refundPercent()).isEqualTo(50);
        assertThat(DEFAULT.ruleFor(CancelledBy.MENTEE, Duration.ofMinutes(119)).refundPercent()).isZero();
        assertThat(DEFAULT.ruleFor(CancelledBy.MENTEE, Duration.ofMinutes(-5)).refundPercent()).isZero();
    }

    @Test
    void aMentorOrThePlatformCancellingRefundsInFullAndARoleWithoutRulesToo() {
        assertThat(DEFAULT.ruleFor(CancelledBy.MENTOR, Duration.ofMinutes(1)).refundPercent()).isEqualTo(100);
        assertThat(DEFAULT.ruleFor(CancelledBy.SYSTEM, Duration.ZERO).refundPercent()).isEqualTo(100);
        assertThat(new RefundPolicy(List.of()).ruleFor(CancelledBy.MENTEE, Duration.ZERO).refundPercent()).isEqualTo(100);
        assertThat(DEFAULT.rulesFor(CancelledBy.MENTEE)).extracting(RefundPolicy.Rule::minNoticeMinutes)
            .containsExactly(1440, 120, 0);
    }
}
