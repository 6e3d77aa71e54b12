package com.linkwithmentor.lecture.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The interval arithmetic completion rests on. */
class IntervalsTests {

    private static double[] span(double from, double to) {
        return new double[] { from, to };
    }

    @Test
    void overlappingAndTouchingSpansMergeAndDisjointOnesStayApart() {
        Intervals merged = Intervals.NONE.with(List.of(span(10, 20), span(0, 5), span(15, 30), span(30, 31), span(40, 45)), 100);
        assertThat(merged.spans()).hasSize(3);
        assertThat(merged.spans().get(0)).containsExactly(0, 5);
        assertThat(merged.spans().get(1)).containsExactly(10, 31);
        assertThat(merged.total()).isEqualTo(5 + 21 + 5);
    }

    @Test
    void spansAreClippedToTheLectureAndEmptyOnesIgnored() {
        Intervals clipped = Intervals.NONE.with(List.of(span(-10, 5), span(95, 500), span(50, 50)), 100);
        assertThat(clipped.total()).isEqualTo(10);
    }

    @Test
    void aBudgetCreditsSpansInOrderAndCutsTheLastShort() {
        Intervals before = Intervals.NONE.with(List.of(span(0, 10)), 100);
        Intervals after = before.withBudget(List.of(span(5, 20), span(50, 100)), 100, 20);
        // 10 new seconds from the first span (10..20), then 10 of the second (50..60).
        assertThat(after.total()).isCloseTo(30, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(after.spans().get(1)[0]).isEqualTo(50);
        assertThat(after.spans().get(1)[1]).isCloseTo(60, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(before.withBudget(List.of(span(0, 10)), 100, 0).total()).isEqualTo(10);
    }
}
