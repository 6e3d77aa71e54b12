package com.linkwithmentor.moderation.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/**
 * What kind of text is analysed. Only chat messages count toward the sender's message rate and
 * repeated-content limits; every type is judged by the same word lists and patterns.
 */
public enum ContentType {

    MESSAGE, PROFILE, USERNAME, SESSION_NOTE, LECTURE, REVIEW, COMMENT, TEXT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ContentType fromWire(String value) {
        for (ContentType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw ApiException.badRequest("content_type", "Unknown content type '" + value + "'; expected one of "
                + Arrays.stream(values()).map(ContentType::wireName).collect(Collectors.joining(", ")));
    }
}
