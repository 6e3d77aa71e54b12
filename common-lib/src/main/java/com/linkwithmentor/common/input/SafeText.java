package com.linkwithmentor.common.input;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * The platform's rules for text, numbers and instants a client sends: one place, used by the JSON
 * reader, the query and path checks and the page cursors.
 */
public final class SafeText {

    /** Decimals with more significant digits or a larger exponent are no amount anybody means. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final int MAX_DECIMAL_SCALE = 20;

    /** Instants a client may name: years 1 to 9999, which PostgreSQL's timestamptz holds with room. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private SafeText() {
    }

    /** Why the text is refused, or null when it is fine: a NUL character, or a surrogate without its pair. */
    public static @Nullable String problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return "contains an unpaired surrogate (not valid Unicode text)";
                }
                i++;
            }
            else if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate (not valid Unicode text)";
            }
        }
        return null;
    }

    /** Why the decimal is refused, or null: too many digits or too large an exponent to be an amount. */
    public static @Nullable String problem(BigDecimal value) {
        if (value.precision() > MAX_DECIMAL_PRECISION || Math.abs((long) value.scale()) > MAX_DECIMAL_SCALE) {
            return "is a number with too many digits or too large an exponent";
        }
        return null;
    }

    /** Why the instant is refused, or null: outside years 1 to 9999. */
    public static @Nullable String problem(Instant value) {
        return value.isBefore(EARLIEST) || value.isAfter(LATEST) ? "is a date outside the years 1 to 9999" : null;
    }

    public static @Nullable String problem(OffsetDateTime value) {
        return problem(value.toInstant());
    }

    public static @Nullable String problem(LocalDate value) {
        return value.getYear() < 1 || value.getYear() > 9999 ? "is a date outside the years 1 to 9999" : null;
    }

    /** The decimal as written, or IllegalArgumentException when it breaks the rule. */
    public static BigDecimal decimal(String text) {
        BigDecimal value = new BigDecimal(text.trim());
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    /** The instant as written (ISO-8601), or an exception when it is malformed or out of range. */
    public static Instant instant(String text) {
        Instant value = Instant.parse(text.trim());
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }
}
