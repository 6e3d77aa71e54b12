package com.linkwithmentor.moderation.policy;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happens to one piece of content, in increasing order: delivered, delivered and queued for
 * human review, or not delivered.
 */
public enum Decision {

    ALLOW, FLAG, BLOCK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Decision atLeast(Decision other) {
        return compareTo(other) >= 0 ? this : other;
    }

    static Decision parse(String value) {
        for (Decision decision : values()) {
            if (decision.wireName().equals(value)) {
                return decision;
            }
        }
        throw new IllegalArgumentException("unknown action '" + value + "'; expected allow, flag or block");
    }
}
