package com.linkwithmentor.moderation.web;

import java.time.Instant;
import java.util.UUID;

/**
 * Parses the parts of a {@link com.linkwithmentor.common.web.PageCursor} with the bounds of what
 * this service issues, inside {@code PageCursor.decode(cursor, parts, parse)}: anything out of
 * range throws, which the decoder answers with the same 400 naming {@code cursor} as a cursor that
 * is not base64 (never a 500 from a timestamp PostgreSQL cannot hold or a number that overflows).
 */
public final class CursorParts {

    private static final Instant EARLIEST = Instant.EPOCH;

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private CursorParts() {
    }

    public static Instant instant(String part) {
        Instant instant = Instant.parse(part);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("out of range");
        }
        return instant;
    }

    public static UUID uuid(String part) {
        UUID uuid = UUID.fromString(part);
        if (!uuid.toString().equals(part.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        return uuid;
    }

    /** A whole number from {@code min} to {@code max}. */
    public static long number(String part, long min, long max) {
        long value = Long.parseLong(part);
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }
}
