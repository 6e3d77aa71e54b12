package com.linkwithmentor.moderation.report;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/** What can be reported. */
public enum TargetType {

    MESSAGE, USER, SESSION, LECTURE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TargetType fromWire(String value) {
        for (TargetType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw ApiException.badRequest("target_type",
                "Unknown target type '" + value + "'; expected message, user, session or lecture");
    }

    static TargetType fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
