package com.linkwithmentor.meeting.availability;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/**
 * {@code PUT /api/v1/availability/{mentor_id}}: the whole availability. Field rules are Bean
 * Validation; rules across fields (start before end, a valid zone, exceptions either off or with
 * times, one kind per date) are checked by {@link #toRules}, each a 400 naming the field.
 */
record AvailabilityRequest(
        @NotBlank @Size(max = 64) String timezone,
        @NotNull @Size(max = 50) List<@NotNull @Valid WeeklyWindow> weekly,
        @Size(max = 400) @Nullable List<@NotNull @Valid DateException> exceptions,
        @NotNull @Size(min = 1, max = 6) List<@NotNull @Min(15) @Max(480) Integer> sessionLengthsMinutes,
        @Min(0) @Max(240) @Nullable Integer bufferBeforeMinutes,
        @Min(0) @Max(240) @Nullable Integer bufferAfterMinutes,
        @Min(0) @Max(43200) @Nullable Integer minNoticeMinutes,
        @Min(1) @Max(365) @Nullable Integer horizonDays,
        @Min(1) @Max(48) @Nullable Integer maxSessionsPerDay) {

    static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    static final String TIME_OR_END_OF_DAY = "(([01][0-9]|2[0-3]):[0-5][0-9])|24:00";

    record WeeklyWindow(@NotNull Weekday day,
            @NotNull @Pattern(regexp = TIME, message = "must be a time of day as HH:mm") String start,
            @NotNull @Pattern(regexp = TIME_OR_END_OF_DAY, message = "must be a time of day as HH:mm (24:00 for midnight)") String end) {
    }

    record DateException(@NotNull LocalDate date, @NotNull Boolean available,
            @Nullable @Pattern(regexp = TIME, message = "must be a time of day as HH:mm") String start,
            @Nullable @Pattern(regexp = TIME_OR_END_OF_DAY, message = "must be a time of day as HH:mm (24:00 for midnight)") String end) {
    }

    AvailabilityRules toRules(LocalDate today) {
        ZoneId zone = zone(timezone);
        List<AvailabilityRules.Window> windows = new ArrayList<>();
        for (int i = 0; i < weekly.size(); i++) {
            WeeklyWindow window = weekly.get(i);
            windows.add(window(window.day().day(), window.start(), window.end(), "weekly[" + i + "]"));
        }
        Map<LocalDate, List<AvailabilityRules.Window>> byDate = new LinkedHashMap<>();
        Map<LocalDate, Boolean> kind = new LinkedHashMap<>();
        List<DateException> dated = exceptions != null ? exceptions : List.of();
        for (int i = 0; i < dated.size(); i++) {
            DateException exception = dated.get(i);
            String field = "exceptions[" + i + "]";
            LocalDate date = exception.date();
            if (date.isBefore(today.minusYears(1)) || date.isAfter(today.plusYears(2))) {
                throw ApiException.badRequest(field + ".date", "Field '" + field + ".date' must lie within a year back and two ahead");
            }
            Boolean previous = kind.put(date, exception.available());
            if (previous != null && (!previous || !exception.available())) {
                throw ApiException.badRequest(field + ".date", "Date " + date
                        + " is both unavailable and available; give it either one unavailable entry or its windows");
            }
            List<AvailabilityRules.Window> ofDate = byDate.computeIfAbsent(date, d -> new ArrayList<>());
            if (exception.available()) {
                if (exception.start() == null || exception.end() == null) {
                    throw ApiException.badRequest(field + ".start", "An available exception needs start and end");
                }
                ofDate.add(window(date.getDayOfWeek(), exception.start(), exception.end(), field));
            }
            else if (exception.start() != null || exception.end() != null) {
                throw ApiException.badRequest(field + ".start", "An unavailable exception takes no start or end");
            }
        }
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < sessionLengthsMinutes.size(); i++) {
            int minutes = sessionLengthsMinutes.get(i);
            String field = "session_lengths_minutes[" + i + "]";
            if (minutes % 15 != 0) {
                throw ApiException.badRequest(field, "Session lengths are whole quarter hours (15, 30, 45, 60 ...)");
            }
            if (!lengths.add(minutes)) {
                throw ApiException.badRequest(field, "Session length " + minutes + " is listed twice");
            }
        }
        return new AvailabilityRules(zone, windows, byDate, sessionLengthsMinutes.stream().sorted().toList(),
                or(bufferBeforeMinutes, 0), or(bufferAfterMinutes, 0), or(minNoticeMinutes, 60), or(horizonDays, 60),
                maxSessionsPerDay);
    }

    static ZoneId zone(String timezone) {
        try {
            ZoneId zone = ZoneId.of(timezone.trim());
            zone.getRules();
            return zone;
        }
        catch (DateTimeException ex) {
            throw ApiException.badRequest("timezone", "Unknown time zone '" + timezone.trim()
                    + "'; use an IANA name such as Asia/Kolkata or America/New_York");
        }
    }

    private static AvailabilityRules.Window window(java.time.DayOfWeek day, String start, String end, String field) {
        int from = minutes(start);
        int to = minutes(end);
        if (to <= from) {
            throw ApiException.badRequest(field + ".end", "Field '" + field + ".end' must be after its start");
        }
        return new AvailabilityRules.Window(day, from, to);
    }

    static int minutes(String time) {
        return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3, 5));
    }

    private static int or(@Nullable Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
