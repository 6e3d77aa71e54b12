package com.linkwithmentor.chat.conversation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.linkwithmentor.common.error.ApiException;

/** What a conversation is: two people, a group with an owner, or the chat of one mentorship session. */
public enum ConversationType {

    DIRECT, GROUP, SESSION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConversationType fromWire(String value) {
        for (ConversationType type : values()) {
            if (type.name().equalsIgnoreCase(value)) {
                return type;
            }
        }
        throw ApiException.badRequest("type", "Unknown conversation type '" + value + "'; expected direct, group or session");
    }
}
