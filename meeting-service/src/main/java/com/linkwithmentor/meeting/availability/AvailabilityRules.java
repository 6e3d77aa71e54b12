package com.linkwithmentor.meeting.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A mentor's availability as a value: windows per weekday, dates whose windows replace the weekly
 * ones (an empty list: not available that day), the lengths a session may have, buffers around
 * each session, how much notice a booking needs, how far ahead one may book, and a daily cap.
 * Times of day are minutes after local midnight; 1440 is the end of the day.
 */
public record AvailabilityRules(ZoneId zone, List<Window> weekly, Map<LocalDate, List<Window>> exceptions,
        List<Integer> sessionLengthsMinutes, int bufferBeforeMinutes, int bufferAfterMinutes, int minNoticeMinutes,
        int horizonDays, @Nullable Integer maxSessionsPerDay) {

    public AvailabilityRules {
        weekly = List.copyOf(weekly);
        exceptions = Map.copyOf(exceptions);
        sessionLengthsMinutes = List.copyOf(sessionLengthsMinutes);
    }

    /** One window of a day, {@code [startMinute, endMinute)} local time. */
    public record Window(DayOfWeek day, int startMinute, int endMinute) {
    }

    /** The windows that apply on a date: its exception's if it has one, else its weekday's. */
    public List<Window> windowsOn(LocalDate date) {
        List<Window> exception = exceptions.get(date);
        if (exception != null) {
            return exception;
        }
        return weekly.stream().filter(window -> window.day() == date.getDayOfWeek()).toList();
    }

    public boolean offersLength(Duration length) {
        return length.toSeconds() % 60 == 0 && sessionLengthsMinutes.contains((int) length.toMinutes());
    }

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }

    public Duration minNotice() {
        return Duration.ofMinutes(minNoticeMinutes);
    }

    public Duration horizon() {
        return Duration.ofDays(horizonDays);
    }
}
