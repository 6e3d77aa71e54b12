package com.linkwithmentor.moderation.event;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/** An admin's answer to a queued item or an appeal: the decision stands, is reversed, or goes up. */
public enum ReviewDecision {

    UPHOLD, OVERTURN, ESCALATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ReviewDecision fromWire(String value) {
        for (ReviewDecision decision : values()) {
            if (decision.wireName().equals(value)) {
                return decision;
            }
        }
        throw ApiException.badRequest("decision", "Unknown decision '" + value + "'; expected uphold, overturn or escalate");
    }
}
