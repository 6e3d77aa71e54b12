package com.linkwithmentor.common.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A durable domain event as it travels on a Redis Stream. {@code version} is the payload's schema
 * version, so a consumer can read old and new shapes side by side. {@code traceparent} is the W3C
 * trace context of the change that wrote it (optional: envelopes written before it existed, or
 * outside any trace, have none), so a consumer's work joins the producer's trace.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, String producer,
        @Nullable String subjectId, JsonNode payload, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceparent) {

    /** An envelope outside any trace. */
    public EventEnvelope(UUID eventId, String type, int version, Instant occurredAt, String producer,
            @Nullable String subjectId, JsonNode payload) {
        this(eventId, type, version, occurredAt, producer, subjectId, payload, null);
    }
}
