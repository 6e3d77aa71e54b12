package com.linkwithmentor.common.redis;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Publishes ephemeral real-time messages on Redis Pub/Sub (e.g. {@code chat.room.{id}}) for
 * instances to fan out to their WebSocket clients. Fire and forget: the database is the record.
 */
public class RealtimePublisher {

    private final StatefulRedisConnection<String, String> connection;

    public RealtimePublisher(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /** Publishes and returns how many subscribers (instances) received it. */
    public long publish(String channel, String message) {
        return connection.sync().publish(channel, message);
    }
}
