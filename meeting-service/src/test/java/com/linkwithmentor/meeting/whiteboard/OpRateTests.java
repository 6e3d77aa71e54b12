package com.linkwithmentor.meeting.whiteboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.TestClock;

class OpRateTests {

    @Test
    void aBurstIsTakenThenOperationsRefillAtTheirRateAndABatchTakesAllOrNone() {
        TestClock clock = new TestClock();
        clock.set(java.time.Instant.parse("2027-03-01T10:00:00Z"));
        OpRate rate = new OpRate(10, 5, clock);
        assertThat(rate.tryTake(8)).isZero();
        assertThat(rate.tryTake(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(rate.tryTake(2)).isZero();
        clock.advance(Duration.ofMillis(400));
        assertThat(rate.tryTake(2)).isZero();
        assertThat(rate.tryTake(1)).isPositive();
        clock.advance(Duration.ofSeconds(60));
        assertThat(rate.tryTake(10)).isZero();
        assertThat(rate.tryTake(11)).isPositive();
    }
}
