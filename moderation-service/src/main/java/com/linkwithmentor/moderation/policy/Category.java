package com.linkwithmentor.moderation.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.linkwithmentor.common.error.ApiException;

/**
 * The policies content can violate (the design's PolicyType, made concrete). {@code OTHER} is never
 * produced by analysis; reporters and admins use it for what no other category names.
 */
public enum Category {

    PROFANITY, HARASSMENT, HATE, SEXUAL, SELF_HARM, SPAM, PERSONAL_DATA, OFF_PLATFORM_SOLICITATION, OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Category fromWire(String value) {
        for (Category category : values()) {
            if (category.wireName().equals(value)) {
                return category;
            }
        }
        throw ApiException.badRequest("category", "Unknown category '" + value + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Category::wireName).collect(Collectors.joining(", "));
    }
}
