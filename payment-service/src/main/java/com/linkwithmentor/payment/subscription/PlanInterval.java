package com.linkwithmentor.payment.subscription;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.linkwithmentor.common.error.ApiException;

/** How often a plan renews (the seed's plan type). */
enum PlanInterval {

    WEEKLY, MONTHLY;

    Instant after(Instant start) {
        return this == WEEKLY ? start.plus(java.time.Duration.ofDays(7))
                : start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static PlanInterval fromWire(String value) {
        for (PlanInterval interval : values()) {
            if (interval.name().equalsIgnoreCase(value)) {
                return interval;
            }
        }
        throw ApiException.badRequest("interval", "interval must be weekly or monthly");
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<PlanInterval, String> {

        @Override
        public String convertToDatabaseColumn(PlanInterval interval) {
            return interval.wireName();
        }

        @Override
        public PlanInterval convertToEntityAttribute(String value) {
            return fromWire(value);
        }
    }
}
