package com.linkwithmentor.meeting.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.error.ApiException;

/**
 * Query parameters read as text and parsed here, so every number and instant is bounded before it
 * reaches SQL (a year 1000000000 or {@code 1e999999} is a 400 naming the parameter, not a 500).
 */
public final class Params {

    /** Instants the service accepts at all: what PostgreSQL stores comfortably and people plan for. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private Params() {
    }

    public static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(value.trim()).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw ApiException.badRequest(name, "Parameter '" + name + "' must be an ISO-8601 instant such as 2026-03-09T18:00:00Z");
        }
        return bounded(name, parsed);
    }

    public static Instant bounded(String name, Instant value) {
        if (value.isBefore(EARLIEST) || !value.isBefore(LATEST)) {
            throw ApiException.badRequest(name, "'" + name + "' must lie between " + EARLIEST + " and " + LATEST);
        }
        return value;
    }

    public static int integer(String name, @Nullable String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw ApiException.badRequest(name, "Parameter '" + name + "' must be a whole number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(name, "Parameter '" + name + "' must be from " + min + " to " + max);
        }
        return parsed;
    }

    /** An enum constant by its wire name (lower-case, case-insensitive); a 400 listing the choices otherwise. */
    public static <E extends Enum<E>> @Nullable E choice(String name, @Nullable String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        StringBuilder choices = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            choices.append(choices.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw ApiException.badRequest(name, "Parameter '" + name + "' must be one of " + choices);
    }
}
