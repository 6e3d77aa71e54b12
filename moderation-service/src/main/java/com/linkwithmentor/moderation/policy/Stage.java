package com.linkwithmentor.moderation.policy;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which part of analysis found something, in the order they run: the first stage (word lists
 * through the automaton, structured patterns, the two detectors, phrase rules), the trained
 * classifier as the second, behaviour over time, and for pictures the perceptual hash and the
 * text read from them by OCR (whose text then goes through the stages above).
 */
public enum Stage {

    LEXICON, PATTERN, DETECTOR, RULE, CLASSIFIER, BEHAVIOUR, HASH, OCR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Deterministic stages: what a list, pattern or rule written by a person found. */
    public boolean firstStage() {
        return this == LEXICON || this == PATTERN || this == DETECTOR || this == RULE;
    }
}
