package com.linkwithmentor.common.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.input.SafeText;

/**
 * Opaque keyset-pagination cursors ({@code ?limit=&cursor=}, the platform's list convention): the
 * sort key of a page's last item, base64url-encoded so clients pass it back rather than build one.
 * A cursor that does not decode into what the endpoint issued is a 400 naming {@code cursor}; the
 * part parsers below keep every decoded number and instant within what SQL can take.
 */
public final class PageCursor {

    private static final String SEPARATOR = "|";

    private PageCursor() {
    }

    public static String encode(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            if (!joined.isEmpty()) {
                joined.append(SEPARATOR);
            }
            joined.append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this endpoint issued, exactly {@code expectedParts} of them. */
    public static String[] decode(String cursor, int expectedParts) {
        return decode(cursor, expectedParts, parts -> parts);
    }

    /** Decodes and parses in one step; a parse failure (bad number, UUID, instant...) is the same 400. */
    public static <T> T decode(String cursor, int expectedParts, Function<String[], T> parse) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                .split("\\" + SEPARATOR, -1);
            if (parts.length == expectedParts) {
                return parse.apply(parts);
            }
        }
        catch (RuntimeException ex) {
            // Not base64, or not what this endpoint put in it: the same answer as a wrong shape.
        }
        throw invalid();
    }

    /** A cursor part as an instant within the years the database holds; anything else is the same 400. */
    public static Instant instant(String part) {
        return SafeText.instant(part);
    }

    /** A cursor part as a decimal of sane size (a sort key such as a rate or rating). */
    public static BigDecimal decimal(String part) {
        return SafeText.decimal(part);
    }

    /** A cursor part as a whole number within the bounds (a sequence number, an id). */
    public static long number(String part, long min, long max) {
        long value = Long.parseLong(part);
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }

    public static UUID uuid(String part) {
        return UUID.fromString(part);
    }

    public static ApiException invalid() {
        return ApiException.badRequest("cursor", "The cursor is not valid; start again without one");
    }
}
