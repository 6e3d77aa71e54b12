package com.linkwithmentor.moderation.event;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a moderation event did: to content (flag for review, block) or to the user (warn, mute,
 * suspend, reinstate). The design's ModerationAction.
 */
public enum ModerationAction {

    FLAG, BLOCK, WARN, MUTE, SUSPEND, REINSTATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean aboutContent() {
        return this == FLAG || this == BLOCK;
    }

    public boolean sanction() {
        return this == WARN || this == MUTE || this == SUSPEND;
    }

    static ModerationAction fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
