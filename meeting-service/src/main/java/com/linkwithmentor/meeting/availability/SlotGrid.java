package com.linkwithmentor.meeting.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The slot arithmetic, pure java.time. Slots start every {@code grid} (30 minutes) from each
 * window's start, counted in the mentor's local time, so an 18:00 window stays 18:00 local on both
 * sides of a daylight-saving change while its UTC instant moves. A local start that does not exist
 * (the hour skipped in spring) yields no slot; one that exists twice (the hour repeated in autumn)
 * yields its first occurrence. A slot lasts its real length and must end by the window's real end.
 */
public final class SlotGrid {

    private final Duration grid;

    public SlotGrid(Duration grid) {
        if (grid.isNegative() || grid.isZero() || grid.toMinutes() * 60 != grid.toSeconds()) {
            throw new IllegalArgumentException("The slot grid must be a positive whole number of minutes: " + grid);
        }
        this.grid = grid;
    }

    /** Every slot of this length starting in {@code [from, to)}, before anything booked is taken away. */
    public List<Slot> candidates(AvailabilityRules rules, Instant from, Instant to, Duration length) {
        ZoneId zone = rules.zone();
        TreeMap<Instant, Slot> slots = new TreeMap<>();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        long step = grid.toMinutes();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            LocalDateTime midnight = date.atStartOfDay();
            for (AvailabilityRules.Window window : rules.windowsOn(date)) {
                Instant windowEnd = midnight.plusMinutes(window.endMinute()).atZone(zone).toInstant();
                for (long minute = window.startMinute(); minute < window.endMinute(); minute += step) {
                    LocalDateTime local = midnight.plusMinutes(minute);
                    if (zone.getRules().getValidOffsets(local).isEmpty()) {
                        continue;
                    }
                    ZonedDateTime start = local.atZone(zone);
                    Instant startInstant = start.toInstant();
                    Instant end = startInstant.plus(length);
                    if (end.isAfter(windowEnd) || startInstant.isBefore(from) || !startInstant.isBefore(to)) {
                        continue;
                    }
                    slots.putIfAbsent(startInstant, new Slot(startInstant, end, start.toOffsetDateTime()));
                }
            }
        }
        return new ArrayList<>(slots.values());
    }

    /** Whether {@code [start, end)} is a slot of the rules (length offered, on the grid, inside a window). */
    public boolean offers(AvailabilityRules rules, Instant start, Instant end) {
        Duration length = Duration.between(start, end);
        if (!rules.offersLength(length)) {
            return false;
        }
        return candidates(rules, start, start.plusSeconds(1), length).stream().anyMatch(slot -> slot.start().equals(start));
    }

    /**
     * The candidates a booking could take now: far enough ahead (notice), not too far (horizon),
     * clear of the mentor's sessions widened by both sessions' buffers (as the exclusion constraint
     * sees them), clear of the asking mentee's own sessions, and on days under the daily cap.
     */
    public List<Slot> bookable(List<Slot> candidates, AvailabilityRules rules, Instant now, List<Interval> mentorBlocked,
            List<Interval> menteeBusy, Map<LocalDate, Integer> mentorSessionsPerDay) {
        Instant earliest = now.plus(rules.minNotice());
        Instant latest = now.plus(rules.horizon());
        Overlaps mentor = new Overlaps(mentorBlocked);
        Overlaps mentee = new Overlaps(menteeBusy);
        List<Slot> bookable = new ArrayList<>();
        for (Slot slot : candidates) {
            if (slot.start().isBefore(earliest) || slot.start().isAfter(latest)) {
                continue;
            }
            if (rules.maxSessionsPerDay() != null && mentorSessionsPerDay
                .getOrDefault(slot.localStart().toLocalDate(), 0) >= rules.maxSessionsPerDay()) {
                continue;
            }
            if (mentor.any(slot.start().minus(rules.bufferBefore()), slot.end().plus(rules.bufferAfter()))
                    || mentee.any(slot.start(), slot.end())) {
                continue;
            }
            bookable.add(slot);
        }
        return bookable;
    }

    /** Answers "does anything overlap [a, b)?" in O(log n): intervals by start, with the running maximum end. */
    static final class Overlaps {

        private final Instant[] starts;

        private final Instant[] maxEnds;

        Overlaps(List<Interval> intervals) {
            List<Interval> sorted = new ArrayList<>(intervals);
            sorted.sort(Comparator.comparing(Interval::start));
            starts = new Instant[sorted.size()];
            maxEnds = new Instant[sorted.size()];
            Instant max = Instant.MIN;
            for (int i = 0; i < sorted.size(); i++) {
                starts[i] = sorted.get(i).start();
                max = sorted.get(i).end().isAfter(max) ? sorted.get(i).end() : max;
                maxEnds[i] = max;
            }
        }

        boolean any(Instant from, Instant until) {
            int low = 0;
            int high = starts.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (starts[mid].isBefore(until)) {
                    low = mid + 1;
                }
                else {
                    high = mid;
                }
            }
            return low > 0 && maxEnds[low - 1].isAfter(from);
        }
    }
}
