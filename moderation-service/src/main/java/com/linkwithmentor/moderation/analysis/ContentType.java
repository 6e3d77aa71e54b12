package com.linkwithmentor.moderation.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/**
 * What kind of content is analysed. Text kinds carry {@code text}; {@code image} carries the
 * picture ({@code image_base64}), {@code video} the storage key of a file under the media root.
 * {@code audio} is accepted and answered {@code unsupported}: there is no offline speech model
 * here. Only chat messages count toward the sender's message rate and repeated-content limits.
 */
public enum ContentType {

    MESSAGE, PROFILE, USERNAME, SESSION_NOTE, LECTURE, REVIEW, COMMENT, TEXT, IMAGE, VIDEO, AUDIO;

    /** How the content is carried and checked. */
    public enum Kind {
        TEXT, IMAGE, VIDEO, AUDIO
    }

    public Kind kind() {
        return switch (this) {
            case IMAGE -> Kind.IMAGE;
            case VIDEO -> Kind.VIDEO;
            case AUDIO -> Kind.AUDIO;
            default -> Kind.TEXT;
        };
    }

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
