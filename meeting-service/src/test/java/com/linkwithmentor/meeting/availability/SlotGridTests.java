package com.linkwithmentor.meeting.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The slot arithmetic on its own: the grid, windows, daylight-saving changes, and what is already taken. */
class SlotGridTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private final SlotGrid grid = new SlotGrid(Duration.ofMinutes(30));

    private static AvailabilityRules rules(ZoneId zone, List<AvailabilityRules.Window> weekly, int before, int after) {
        return new AvailabilityRules(zone, weekly, Map.of(), List.of(30, 60), before, after, 0, 365, null);
    }

    private static AvailabilityRules.Window window(DayOfWeek day, String start, String end) {
        return new AvailabilityRules.Window(day, LocalTime.parse(start).toSecondOfDay() / 60,
                end.equals("24:00") ? 1440 : LocalTime.parse(end).toSecondOfDay() / 60);
    }

    @Test
    void slotsStartEveryThirtyMinutesFromTheWindowsStartAndEndByItsEnd() {
        AvailabilityRules rules = rules(ZoneId.of("UTC"), List.of(window(DayOfWeek.MONDAY, "18:15", "20:00")), 0, 0);
        List<Slot> slots = grid.candidates(rules, Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-03-02T00:00:00Z"),
                Duration.ofMinutes(60));
        assertThat(slots).extracting(slot -> slot.start().toString())
            .containsExactly("2027-03-01T18:15:00Z", "2027-03-01T18:45:00Z");
        assertThat(grid.offers(rules, Instant.parse("2027-03-01T18:45:00Z"), Instant.parse("2027-03-01T19:45:00Z"))).isTrue();
        assertThat(grid.offers(rules, Instant.parse("2027-03-01T18:30:00Z"), Instant.parse("2027-03-01T19:30:00Z"))).isFalse();
        assertThat(grid.offers(rules, Instant.parse("2027-03-01T19:15:00Z"), Instant.parse("2027-03-01T20:15:00Z"))).isFalse();
        assertThat(grid.offers(rules, Instant.parse("2027-03-01T18:15:00Z"), Instant.parse("2027-03-01T18:35:00Z"))).isFalse();
    }

    @Test
    void anEveningWindowInNewYorkStaysAtSixLocalOnBothSidesOfTheSpringChange() {
        // 2027-03-14 02:00 local: clocks go forward; EST (UTC-5) before, EDT (UTC-4) after.
        AvailabilityRules rules = rules(NEW_YORK, List.of(window(DayOfWeek.MONDAY, "18:00", "19:00")), 0, 0);
        List<Slot> slots = grid.candidates(rules, Instant.parse("2027-03-07T00:00:00Z"), Instant.parse("2027-03-22T00:00:00Z"),
                Duration.ofMinutes(60));
        assertThat(slots).extracting(slot -> slot.start().toString())
            .containsExactly("2027-03-08T23:00:00Z", "2027-03-15T22:00:00Z");
        assertThat(slots).extracting(slot -> slot.localStart().toLocalTime()).containsOnly(LocalTime.of(18, 0));
        assertThat(slots).extracting(slot -> slot.localStart().getOffset().getTotalSeconds() / 3600).containsExactly(-5, -4);
    }

    @Test
    void theHourSkippedInSpringHasNoSlotsAndTheHourRepeatedInAutumnItsFirstOccurrence() {
        AvailabilityRules spring = rules(NEW_YORK, List.of(window(DayOfWeek.SUNDAY, "01:00", "04:00")), 0, 0);
        List<Slot> march = grid.candidates(spring, Instant.parse("2027-03-14T00:00:00Z"), Instant.parse("2027-03-15T00:00:00Z"),
                Duration.ofMinutes(30));
        assertThat(march).extracting(slot -> slot.localStart().toLocalTime().toString())
            .containsExactly("01:00", "01:30", "03:00", "03:30");

        AvailabilityRules autumn = rules(NEW_YORK, List.of(window(DayOfWeek.SUNDAY, "00:30", "02:00")), 0, 0);
        List<Slot> november = grid.candidates(autumn, Instant.parse("2027-11-07T00:00:00Z"),
                Instant.parse("2027-11-08T00:00:00Z"), Duration.ofMinutes(30));
        // 01:00 and 01:30 happen twice; each is offered once, at its first (EDT) occurrence.
        assertThat(november).extracting(slot -> slot.start().toString())
            .containsExactly("2027-11-07T04:30:00Z", "2027-11-07T05:00:00Z", "2027-11-07T05:30:00Z");
    }

    @Test
    void kolkataHasNoDaylightSavingAndAHalfHourOffset() {
        AvailabilityRules rules = rules(KOLKATA, List.of(window(DayOfWeek.TUESDAY, "18:00", "21:00")), 0, 0);
        List<Slot> slots = grid.candidates(rules, Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-03-31T00:00:00Z"),
                Duration.ofMinutes(60));
        assertThat(slots).hasSize(5 * 5);
        assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2027-03-02T12:30:00Z"));
        assertThat(slots).extracting(slot -> slot.localStart().getOffset().toString()).containsOnly("+05:30");
    }

    @Test
    void anExceptionReplacesTheWeekdaysWindowsAndAnEmptyOneClosesTheDay() {
        LocalDate monday = LocalDate.parse("2027-03-01");
        AvailabilityRules rules = new AvailabilityRules(ZoneId.of("UTC"), List.of(window(DayOfWeek.MONDAY, "09:00", "10:00")),
                Map.of(monday, List.of(window(DayOfWeek.MONDAY, "14:00", "15:00")), monday.plusWeeks(1), List.of()),
                List.of(60), 0, 0, 0, 365, null);
        List<Slot> slots = grid.candidates(rules, Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-03-16T00:00:00Z"),
                Duration.ofMinutes(60));
        assertThat(slots).extracting(slot -> slot.start().toString())
            .containsExactly("2027-03-01T14:00:00Z", "2027-03-15T09:00:00Z");
    }

    @Test
    void bookedTimeWidenedByBothBuffersNoticeHorizonAndTheDailyCapAreTakenAway() {
        AvailabilityRules rules = new AvailabilityRules(ZoneId.of("UTC"), List.of(window(DayOfWeek.MONDAY, "09:00", "17:00"),
                window(DayOfWeek.TUESDAY, "09:00", "17:00")), Map.of(), List.of(60), 15, 15, 0, 365, 2);
        Instant from = Instant.parse("2027-03-01T00:00:00Z");
        List<Slot> candidates = grid.candidates(rules, from, Instant.parse("2027-03-03T00:00:00Z"), Duration.ofMinutes(60));
        // A session 12:00-13:00 with 15 minutes either side blocks 11:45-13:15; a new slot needs its own 15 minutes too.
        List<Interval> blocked = List.of(new Interval(Instant.parse("2027-03-01T11:45:00Z"), Instant.parse("2027-03-01T13:15:00Z")));
        List<Slot> monday = grid.bookable(candidates, rules, from, blocked, List.of(), Map.of()).stream()
            .filter(slot -> slot.start().toString().startsWith("2027-03-01")).toList();
        assertThat(monday).extracting(slot -> slot.localStart().toLocalTime().toString())
            .containsExactly("09:00", "09:30", "10:00", "10:30", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00");

        List<Interval> mentee = List.of(new Interval(Instant.parse("2027-03-01T09:30:00Z"), Instant.parse("2027-03-01T10:00:00Z")));
        assertThat(grid.bookable(candidates, rules, from, List.of(), mentee, Map.of()))
            .extracting(slot -> slot.start().toString()).doesNotContain("2027-03-01T09:00:00Z", "2027-03-01T09:30:00Z")
            .contains("2027-03-01T10:00:00Z");

        assertThat(grid.bookable(candidates, rules, from, List.of(), List.of(), Map.of(LocalDate.parse("2027-03-01"), 2)))
            .allMatch(slot -> slot.start().toString().startsWith("2027-03-02"));

        AvailabilityRules withNotice = new AvailabilityRules(ZoneId.of("UTC"), rules.weekly(), Map.of(), List.of(60), 0, 0,
                120, 1, null);
        Instant now = Instant.parse("2027-03-01T10:10:00Z");
        assertThat(grid.bookable(candidates, withNotice, now, List.of(), List.of(), Map.of()))
            .extracting(slot -> slot.start().toString()).first().isEqualTo("2027-03-01T12:30:00Z");
        assertThat(grid.bookable(candidates, withNotice, now, List.of(), List.of(), Map.of()))
            .allMatch(slot -> !slot.start().isAfter(now.plus(Duration.ofDays(1))));
    }

    @Test
    void aWindowToMidnightOffersItsLastSlotAndNothingFromTheNextDay() {
        AvailabilityRules rules = rules(ZoneId.of("UTC"), List.of(window(DayOfWeek.FRIDAY, "22:00", "24:00")), 0, 0);
        List<Slot> slots = grid.candidates(rules, Instant.parse("2027-03-05T00:00:00Z"), Instant.parse("2027-03-07T00:00:00Z"),
                Duration.ofMinutes(60));
        assertThat(slots).extracting(slot -> slot.start().toString())
            .containsExactly("2027-03-05T22:00:00Z", "2027-03-05T22:30:00Z", "2027-03-05T23:00:00Z");
    }
}
