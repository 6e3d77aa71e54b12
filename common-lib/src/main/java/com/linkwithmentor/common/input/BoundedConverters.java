package com.linkwithmentor.common.input;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;

/**
 * Query and path parameters read as decimals and dates under the same bounds as JSON bodies, so
 * {@code min_rating=1e-999999} or a year-1000000000 {@code from} is a 400 naming the parameter
 * rather than an overflow in SQL.
 */
public final class BoundedConverters {

    private BoundedConverters() {
    }

    public static void register(FormatterRegistry registry) {
        registry.addConverter(String.class, BigDecimal.class, (Converter<String, BigDecimal>) SafeText::decimal);
        registry.addConverter(String.class, Instant.class, (Converter<String, Instant>) SafeText::instant);
        registry.addConverter(String.class, OffsetDateTime.class, (Converter<String, OffsetDateTime>) text -> {
            OffsetDateTime value = OffsetDateTime.parse(text.trim());
            if (SafeText.problem(value) != null) {
                throw new IllegalArgumentException(SafeText.problem(value));
            }
            return value;
        });
        registry.addConverter(String.class, LocalDate.class, (Converter<String, LocalDate>) text -> {
            LocalDate value = LocalDate.parse(text.trim());
            if (SafeText.problem(value) != null) {
                throw new IllegalArgumentException(SafeText.problem(value));
            }
            return value;
        });
    }
}
