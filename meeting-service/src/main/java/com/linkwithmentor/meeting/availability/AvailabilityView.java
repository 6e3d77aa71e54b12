package com.linkwithmentor.meeting.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An availability as the API shows it: the request's shape, with the mentor and when it changed. */
record AvailabilityView(UUID mentorId, String timezone, List<Weekly> weekly, List<Exception> exceptions,
        List<Integer> sessionLengthsMinutes, int bufferBeforeMinutes, int bufferAfterMinutes, int minNoticeMinutes,
        int horizonDays, @Nullable Integer maxSessionsPerDay, Instant updatedAt) {

    record Weekly(Weekday day, String start, String end) {
    }

    record Exception(LocalDate date, boolean available, @Nullable String start, @Nullable String end) {
    }

    static AvailabilityView of(UUID mentorId, AvailabilityRules rules, Instant updatedAt) {
        List<Exception> exceptions = new ArrayList<>();
        rules.exceptions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (entry.getValue().isEmpty()) {
                exceptions.add(new Exception(entry.getKey(), false, null, null));
            }
            entry.getValue().forEach(window -> exceptions.add(new Exception(entry.getKey(), true, time(window.startMinute()),
                    time(window.endMinute()))));
        });
        return new AvailabilityView(mentorId, rules.zone().getId(),
                rules.weekly().stream().map(w -> new Weekly(Weekday.of(w.day()), time(w.startMinute()), time(w.endMinute())))
                    .toList(),
                exceptions, rules.sessionLengthsMinutes(), rules.bufferBeforeMinutes(), rules.bufferAfterMinutes(),
                rules.minNoticeMinutes(), rules.horizonDays(), rules.maxSessionsPerDay(), updatedAt);
    }

    static String time(int minutes) {
        return "%02d:%02d".formatted(minutes / 60, minutes % 60);
    }
}
