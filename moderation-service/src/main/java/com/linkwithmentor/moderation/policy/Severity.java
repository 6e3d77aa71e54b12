package com.linkwithmentor.moderation.policy;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/** How bad a finding is, in increasing order; {@code NONE} is the severity of clean content. */
public enum Severity {

    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWire(String value) {
        for (Severity severity : values()) {
            if (severity.wireName().equals(value)) {
                return severity;
            }
        }
        throw ApiException.badRequest("severity", "Unknown severity '" + value + "'; expected low, medium, high or critical");
    }

    public Severity atLeast(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
