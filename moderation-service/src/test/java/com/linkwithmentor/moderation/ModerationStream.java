package com.linkwithmentor.moderation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import io.lettuce.core.Range;
import io.lettuce.core.api.StatefulRedisConnection;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what the outbox relay published on {@code events.moderation}, waiting for it to arrive. */
public final class ModerationStream {

    private final StatefulRedisConnection<String, String> redis;

    private final JsonMapper json = JsonMapper.builder().build();

    public ModerationStream(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** Envelopes about this user, in stream order. */
    public List<JsonNode> about(UUID userId) {
        return redis.sync().xrange("events.moderation", Range.create("-", "+")).stream()
            .map(entry -> json.readTree(entry.getBody().get("envelope")))
            .filter(envelope -> userId.toString().equals(envelope.path("subject_id").asString()))
            .toList();
    }

    /** Waits (Awaitility, up to 10 s) until the user's envelopes satisfy the condition, and returns them. */
    public List<JsonNode> await(UUID userId, Predicate<List<JsonNode>> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> about(userId), condition::test);
    }

    public static List<String> types(List<JsonNode> envelopes) {
        return envelopes.stream().map(envelope -> envelope.path("type").asString()).toList();
    }
}
