package com.linkwithmentor.common.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A durable domain event as it travels on a Redis Stream. {@code version} is the payload's schema
 * version, so a consumer can read old and new shapes side by side.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, String producer,
        @Nullable String subjectId, JsonNode payload) {
}
