package com.linkwithmentor.moderation.event;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an event stands with the humans: not queued (automated decision that stands unless
 * appealed), waiting, escalated to senior moderators, or decided.
 */
public enum ReviewStatus {

    NONE, PENDING, ESCALATED, UPHELD, OVERTURNED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean open() {
        return this == PENDING || this == ESCALATED;
    }

    static ReviewStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
