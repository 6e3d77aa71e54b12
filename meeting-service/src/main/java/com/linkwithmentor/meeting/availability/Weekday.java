package com.linkwithmentor.meeting.availability;

import java.time.DayOfWeek;

/** Days as the availability API writes them: {@code "MON"} ... {@code "SUN"} (any case). */
public enum Weekday {

    MON(DayOfWeek.MONDAY), TUE(DayOfWeek.TUESDAY), WED(DayOfWeek.WEDNESDAY), THU(DayOfWeek.THURSDAY),
    FRI(DayOfWeek.FRIDAY), SAT(DayOfWeek.SATURDAY), SUN(DayOfWeek.SUNDAY);

    private final DayOfWeek day;

    Weekday(DayOfWeek day) {
        this.day = day;
    }

    public DayOfWeek day() {
        return day;
    }

    public static Weekday of(DayOfWeek day) {
        return values()[day.getValue() - 1];
    }
}
