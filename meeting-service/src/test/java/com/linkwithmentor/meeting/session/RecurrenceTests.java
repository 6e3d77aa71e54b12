package com.linkwithmentor.meeting.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.error.ApiException;

/** RRULE expansion for recurring bookings: bounded, in the mentor's local time, first occurrence = the booked slot. */
class RecurrenceTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final Duration HOUR = Duration.ofHours(1);

    private static final Duration SIX_MONTHS = Duration.ofDays(183);

    /** Tuesday 2027-03-02 18:00 New York (EST). */
    private static final Instant FIRST = Instant.parse("2027-03-02T23:00:00Z");

    @Test
    void aWeeklyRuleGivesItsCountOfSessionsAtTheSameLocalTimeAcrossTheSpringChange() {
        List<Recurrence.Occurrence> occurrences = Recurrence.expand("FREQ=WEEKLY;BYDAY=TU;COUNT=6", FIRST, HOUR, NEW_YORK, 26,
                SIX_MONTHS);
        assertThat(occurrences).hasSize(6);
        assertThat(occurrences.get(0).start()).isEqualTo(FIRST);
        assertThat(occurrences).extracting(o -> o.start().atZone(NEW_YORK).toLocalTime()).containsOnly(LocalTime.of(18, 0));
        assertThat(occurrences.get(1).start()).isEqualTo(Instant.parse("2027-03-09T23:00:00Z"));
        assertThat(occurrences.get(2).start()).isEqualTo(Instant.parse("2027-03-16T22:00:00Z"));
        assertThat(occurrences).allMatch(o -> Duration.between(o.start(), o.end()).equals(HOUR));
    }

    @Test
    void untilIntervalAndAnRrulePrefixAreUnderstood() {
        List<Recurrence.Occurrence> biweekly = Recurrence.expand("RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20270414T000000Z", FIRST,
                HOUR, NEW_YORK, 26, SIX_MONTHS);
        assertThat(biweekly).extracting(o -> o.start().atZone(NEW_YORK).toLocalDate().toString())
            .containsExactly("2027-03-02", "2027-03-16", "2027-03-30", "2027-04-13");
        List<Recurrence.Occurrence> daily = Recurrence.expand("freq=daily;count=3", FIRST, HOUR, NEW_YORK, 26, SIX_MONTHS);
        assertThat(daily).hasSize(3);
    }

    @Test
    void aSeriesIsBoundedInCountAndSpan() {
        assertInvalid("FREQ=WEEKLY;COUNT=27", "at most 26");
        assertInvalid("FREQ=DAILY;COUNT=200", "at most 26");
        assertInvalid("FREQ=MONTHLY;UNTIL=20280101T000000Z", "183 days");
        assertInvalid("FREQ=MONTHLY;COUNT=8", "183 days");
        assertInvalid("FREQ=WEEKLY", "COUNT or UNTIL");
        assertInvalid("FREQ=WEEKLY;COUNT=3;UNTIL=20270401T000000Z", "COUNT or UNTIL");
    }

    @Test
    void malformedOrUnsupportedRulesAreRefusedNamingTheField() {
        assertInvalid("every tuesday", "not an RRULE");
        assertInvalid("FREQ=HOURLY;COUNT=3", "DAILY, WEEKLY or MONTHLY");
        assertInvalid("FREQ=WEEKLY;BYHOUR=9;COUNT=3", "BYHOUR");
        assertInvalid("FREQ=WEEKLY;COUNT=x", "whole number");
        assertInvalid("FREQ=WEEKLY;COUNT=0", "at most");
        assertInvalid("FREQ=WEEKLY;;COUNT=3", "without a value");
        assertInvalid("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "could not be read");
        assertInvalid("FREQ=WEEKLY;COUNT=3;COUNT=4", "twice");
        assertInvalid("FREQ=WEEKLY;UNTIL=2027;", "UNTIL");
        assertInvalid("FREQ=WEEKLY;UNTIL=20260101T000000Z", "before the first");
        assertInvalid("FREQ=WEEKLY;INTERVAL=99;COUNT=2", "INTERVAL");
    }

    @Test
    void theBookedSlotMustBeTheSeriesFirstSession() {
        assertInvalid("FREQ=WEEKLY;BYDAY=WE;COUNT=3", "first session");
    }

    private static void assertInvalid(String rule, String problem) {
        assertThatThrownBy(() -> Recurrence.expand(rule, FIRST, HOUR, NEW_YORK, 26, SIX_MONTHS))
            .isInstanceOfSatisfying(ApiException.class, ex -> {
                assertThat(ex.getMessage()).contains(problem);
                assertThat(ex.details()).isEqualTo(java.util.Map.of("field", "recurrence.rrule"));
            });
    }
}
