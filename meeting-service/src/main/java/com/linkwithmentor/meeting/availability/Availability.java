package com.linkwithmentor.meeting.availability;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/**
 * A mentor's published availability, the aggregate: the row and its windows, exceptions and
 * session lengths are loaded and replaced together ({@link #replace}), never edited piecemeal.
 */
@Entity
@Table(name = "availability")
public class Availability {

    @Id
    @Column(name = "mentor_id")
    private UUID mentorId;

    private String timezone;

    private int bufferBeforeMinutes;

    private int bufferAfterMinutes;

    private int minNoticeMinutes;

    private int horizonDays;

    private @Nullable Integer maxSessionsPerDay;

    @ElementCollection
    @CollectionTable(name = "availability_weekly_rule", joinColumns = @JoinColumn(name = "mentor_id"))
    @OrderColumn(name = "position")
    private List<WeeklyWindow> weekly = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "availability_exception", joinColumns = @JoinColumn(name = "mentor_id"))
    @OrderColumn(name = "position")
    private List<DateWindow> exceptions = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "availability_session_length", joinColumns = @JoinColumn(name = "mentor_id"))
    @OrderColumn(name = "position")
    @Column(name = "minutes")
    private List<Integer> sessionLengths = new ArrayList<>();

    @Version
    private @Nullable Long version;

    private Instant updatedAt;

    protected Availability() {
        this.mentorId = new UUID(0, 0);
        this.timezone = "UTC";
        this.updatedAt = Instant.EPOCH;
    }

    private Availability(UUID mentorId) {
        this();
        this.mentorId = mentorId;
    }

    static Availability publish(UUID mentorId, AvailabilityRules rules, Instant at) {
        Availability availability = new Availability(mentorId);
        availability.replace(rules, at);
        return availability;
    }

    /** Replaces every rule at once: a mentor publishes their availability whole. */
    void replace(AvailabilityRules rules, Instant at) {
        timezone = rules.zone().getId();
        bufferBeforeMinutes = rules.bufferBeforeMinutes();
        bufferAfterMinutes = rules.bufferAfterMinutes();
        minNoticeMinutes = rules.minNoticeMinutes();
        horizonDays = rules.horizonDays();
        maxSessionsPerDay = rules.maxSessionsPerDay();
        weekly.clear();
        rules.weekly().forEach(window -> weekly.add(new WeeklyWindow(window)));
        exceptions.clear();
        rules.exceptions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (entry.getValue().isEmpty()) {
                exceptions.add(DateWindow.unavailable(entry.getKey()));
            }
            else {
                entry.getValue().forEach(window -> exceptions.add(DateWindow.available(entry.getKey(), window)));
            }
        });
        sessionLengths.clear();
        sessionLengths.addAll(rules.sessionLengthsMinutes());
        updatedAt = at;
    }

    public UUID mentorId() {
        return mentorId;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    long version() {
        return version != null ? version : 0;
    }

    /** The rules as a value, for slot arithmetic (read inside the loading transaction: the lists are lazy). */
    public AvailabilityRules rules() {
        Map<LocalDate, List<AvailabilityRules.Window>> byDate = new LinkedHashMap<>();
        for (DateWindow exception : exceptions) {
            List<AvailabilityRules.Window> windows = byDate.computeIfAbsent(exception.exceptionDate, date -> new ArrayList<>());
            if (exception.available && exception.startMinute != null && exception.endMinute != null) {
                windows.add(new AvailabilityRules.Window(exception.exceptionDate.getDayOfWeek(), exception.startMinute,
                        exception.endMinute));
            }
        }
        return new AvailabilityRules(ZoneId.of(timezone), weekly.stream().map(WeeklyWindow::window).toList(), byDate,
                List.copyOf(sessionLengths), bufferBeforeMinutes, bufferAfterMinutes, minNoticeMinutes, horizonDays,
                maxSessionsPerDay);
    }

    /** One weekly window; the day as ISO 1 (Monday) to 7 (Sunday). */
    @Embeddable
    static class WeeklyWindow {

        private int dayOfWeek;

        private int startMinute;

        private int endMinute;

        protected WeeklyWindow() {
        }

        WeeklyWindow(AvailabilityRules.Window window) {
            this.dayOfWeek = window.day().getValue();
            this.startMinute = window.startMinute();
            this.endMinute = window.endMinute();
        }

        AvailabilityRules.Window window() {
            return new AvailabilityRules.Window(DayOfWeek.of(dayOfWeek), startMinute, endMinute);
        }
    }

    /** One exception: a date off, or one window of a date with its own windows. */
    @Embeddable
    static class DateWindow {

        private LocalDate exceptionDate = LocalDate.EPOCH;

        private boolean available;

        private @Nullable Integer startMinute;

        private @Nullable Integer endMinute;

        protected DateWindow() {
        }

        static DateWindow unavailable(LocalDate date) {
            DateWindow window = new DateWindow();
            window.exceptionDate = date;
            window.available = false;
            return window;
        }

        static DateWindow available(LocalDate date, AvailabilityRules.Window times) {
            DateWindow window = new DateWindow();
            window.exceptionDate = date;
            window.available = true;
            window.startMinute = times.startMinute();
            window.endMinute = times.endMinute();
            return window;
        }
    }
}
