package com.linkwithmentor.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test's own calls to the Redis its services use: one command on a connection of its own, and an
 * event put on a stream the way the producer's outbox relay would (the envelope of common-lib's
 * {@code EventEnvelope}, which test-support cannot depend on).
 */
public final class TestRedis {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestRedis() {
    }

    /** Runs the command on a fresh connection to {@code redisUrl}, closed afterwards. */
    public static <T> T call(String redisUrl, Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Adds an event (version 1, occurred now) to the stream; returns its stream id. */
    public static String publish(String redisUrl, String stream, String producer, String type, Object subject,
            Map<String, ?> payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event_id", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("version", 1);
        envelope.put("occurred_at", Instant.now().toString());
        envelope.put("producer", producer);
        envelope.put("subject_id", String.valueOf(subject));
        envelope.put("payload", payload);
        String text = JSON.writeValueAsString(envelope);
        return call(redisUrl, redis -> redis.xadd(stream, Map.of("envelope", text)));
    }
}
