package com.linkwithmentor.meeting.session;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

import net.fortuna.ical4j.model.Recur;

/**
 * Expands an RFC 5545 RRULE into the occurrences of a recurring booking, with ical4j, counting in
 * the mentor's time zone so an 18:00 session stays 18:00 local across daylight-saving changes.
 * Bounded: the rule must end (COUNT or UNTIL), the series holds at most {@code maxCount}
 * occurrences within {@code maxSpan} of the first, and the first occurrence is the booked slot.
 * Times of day come from that slot, so BYHOUR, BYMINUTE and BYSECOND are refused, as are
 * frequencies below a day. A rule that breaks any of this is a 400 naming {@code recurrence.rrule}.
 */
final class Recurrence {

    static final String FIELD = "recurrence.rrule";

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9=;,+\\-]{1,300}");

    private static final Set<String> PARTS = Set.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY",
            "BYMONTH", "BYSETPOS", "WKST");

    private static final Set<String> FREQUENCIES = Set.of("DAILY", "WEEKLY", "MONTHLY");

    private Recurrence() {
    }

    /** One session of the series. */
    record Occurrence(Instant start, Instant end) {
    }

    /** The rule as stored: upper-cased, without an {@code RRULE:} prefix. */
    static String normalise(String rrule) {
        String rule = rrule.trim().toUpperCase(Locale.ROOT);
        return rule.startsWith("RRULE:") ? rule.substring("RRULE:".length()) : rule;
    }

    static List<Occurrence> expand(String rrule, Instant firstStart, Duration length, ZoneId zone, int maxCount,
            Duration maxSpan) {
        String rule = normalise(rrule);
        if (!SHAPE.matcher(rule).matches()) {
            throw invalid("is not an RRULE (e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=6)");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : rule.split(";")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2 || pair[1].isEmpty()) {
                throw invalid("has a part without a value: '" + part + "'");
            }
            if (!PARTS.contains(pair[0])) {
                throw invalid("uses " + pair[0] + ", which a booking cannot; allowed: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, "
                        + "BYMONTHDAY, BYMONTH, BYSETPOS, WKST");
            }
            if (parts.put(pair[0], pair[1]) != null) {
                throw invalid("names " + pair[0] + " twice");
            }
        }
        String frequency = parts.get("FREQ");
        if (frequency == null || !FREQUENCIES.contains(frequency)) {
            throw invalid("needs FREQ=DAILY, WEEKLY or MONTHLY");
        }
        if (parts.containsKey("COUNT") == parts.containsKey("UNTIL")) {
            throw invalid("must end with exactly one of COUNT or UNTIL");
        }
        ZonedDateTime seed = firstStart.atZone(zone);
        ZonedDateTime horizon = seed.plus(maxSpan);
        ZonedDateTime periodEnd = horizon;
        if (parts.containsKey("COUNT")) {
            int count = number(parts.get("COUNT"), "COUNT");
            if (count < 1 || count > maxCount) {
                throw invalid("may have at most " + maxCount + " occurrences (COUNT=" + count + ")");
            }
        }
        else {
            ZonedDateTime until = until(parts.remove("UNTIL"), zone);
            if (until.isBefore(seed)) {
                throw invalid("ends (UNTIL) before the first session");
            }
            if (until.isAfter(horizon.plusDays(1))) {
                throw invalid("may reach at most " + maxSpan.toDays() + " days past the first session");
            }
            periodEnd = until.isBefore(horizon) ? until : horizon;
        }
        if (parts.containsKey("INTERVAL")) {
            int interval = number(parts.get("INTERVAL"), "INTERVAL");
            if (interval < 1 || interval > 12) {
                throw invalid("INTERVAL must be from 1 to 12");
            }
        }
        StringBuilder forIcal = new StringBuilder();
        parts.forEach((name, value) -> forIcal.append(forIcal.isEmpty() ? "" : ";").append(name).append('=').append(value));
        List<ZonedDateTime> dates;
        try {
            Recur<ZonedDateTime> recur = new Recur<>(forIcal.toString());
            // One beyond the bound, to tell "exactly at the bound" from "over it".
            dates = recur.getDates(seed, seed, horizon.plusSeconds(1), maxCount + 1);
        }
        catch (RuntimeException ex) {
            throw invalid("could not be read: " + safe(ex.getMessage()));
        }
        List<Occurrence> occurrences = new ArrayList<>();
        for (ZonedDateTime date : dates) {
            if (date.isBefore(seed) || date.isAfter(periodEnd)) {
                continue;
            }
            Instant start = date.toInstant();
            occurrences.add(new Occurrence(start, start.plus(length)));
        }
        if (occurrences.isEmpty() || !occurrences.get(0).start().equals(firstStart)) {
            throw invalid("does not produce the booked slot as its first session; start the series on a date the rule matches");
        }
        if (occurrences.size() > maxCount) {
            throw invalid("may have at most " + maxCount + " occurrences within " + maxSpan.toDays() + " days");
        }
        if (parts.containsKey("COUNT") && occurrences.size() < number(parts.get("COUNT"), "COUNT")) {
            throw invalid("does not fit within " + maxSpan.toDays() + " days of the first session");
        }
        return occurrences;
    }

    private static ZonedDateTime until(@Nullable String value, ZoneId zone) {
        if (value == null) {
            throw invalid("needs a value for UNTIL");
        }
        try {
            if (value.length() == 8) {
                return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE).atTime(23, 59, 59).atZone(zone);
            }
            DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
            if (value.endsWith("Z")) {
                return LocalDateTime.parse(value.substring(0, value.length() - 1), local).atOffset(ZoneOffset.UTC)
                    .atZoneSameInstant(zone);
            }
            return LocalDateTime.parse(value, local).atZone(zone);
        }
        catch (DateTimeParseException ex) {
            throw invalid("has an UNTIL that is not a date (20261231) or a time (20261231T180000Z)");
        }
    }

    private static int number(@Nullable String value, String part) {
        try {
            return Integer.parseInt(value == null ? "" : value);
        }
        catch (NumberFormatException ex) {
            throw invalid(part + " must be a whole number");
        }
    }

    private static String safe(@Nullable String message) {
        return message == null ? "invalid rule" : message.replaceAll("[^A-Za-z0-9 =;,:.+\\-]", "").substring(0,
                Math.min(120, message.replaceAll("[^A-Za-z0-9 =;,:.+\\-]", "").length()));
    }

    private static ApiException invalid(String problem) {
        return ApiException.badRequest(FIELD, "The recurrence rule " + problem);
    }
}
