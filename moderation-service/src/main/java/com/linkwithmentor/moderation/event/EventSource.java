package com.linkwithmentor.moderation.event;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What produced an event: content analysis, behaviour limits, an upheld report, an admin, an appeal. */
public enum EventSource {

    ANALYSIS, BEHAVIOUR, REPORT, ADMIN, APPEAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EventSource fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
