package com.linkwithmentor.moderation.analysis;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.moderation.policy.Decision;

/** The policy's decision as the analyze answer states it, or that the content could not be analysed. */
public enum Outcome {

    ALLOW, FLAG, BLOCK, UNSUPPORTED;

    static Outcome of(Decision decision) {
        return switch (decision) {
            case ALLOW -> ALLOW;
            case FLAG -> FLAG;
            case BLOCK -> BLOCK;
        };
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
