package com.linkwithmentor.meeting.inbound;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** Lenient readers for event payload fields: a missing or malformed field is absent, never an exception. */
final class Payloads {

    private Payloads() {
    }

    static Optional<UUID> uuid(JsonNode payload, String field) {
        JsonNode node = payload.path(field);
        if (!node.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(node.asString()));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    static List<UUID> uuids(JsonNode payload, String field) {
        List<UUID> ids = new ArrayList<>();
        JsonNode node = payload.path(field);
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isString()) {
                    try {
                        ids.add(UUID.fromString(element.asString()));
                    }
                    catch (IllegalArgumentException ex) {
                        // skip what is not an id
                    }
                }
                if (ids.size() >= 50) {
                    break;
                }
            }
        }
        return ids;
    }

    static @Nullable String text(JsonNode payload, String field) {
        JsonNode node = payload.path(field);
        return node.isString() ? node.asString() : null;
    }

    static @Nullable BigDecimal decimal(JsonNode payload, String field) {
        JsonNode node = payload.path(field);
        try {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isString() && node.asString().length() <= 20) {
                return new BigDecimal(node.asString());
            }
        }
        catch (NumberFormatException ex) {
            return null;
        }
        return null;
    }

    static @Nullable Instant instant(JsonNode payload, String field) {
        String text = text(payload, field);
        if (text == null || text.length() > 40) {
            return null;
        }
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
