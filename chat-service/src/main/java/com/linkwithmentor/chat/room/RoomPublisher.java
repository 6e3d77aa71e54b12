package com.linkwithmentor.chat.room;

import java.util.UUID;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;


import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes frames to conversation rooms and control events to users. Inside a transaction the
 * publish waits for the commit, so nobody hears of a change that was rolled back; a failed publish
 * is only logged, because the database is the record and clients catch up by resuming.
 */
@Component
public class RoomPublisher {

    private static final Logger log = LoggerFactory.getLogger(RoomPublisher.class);

    private final StatefulRedisConnection<String, String> redis;

    private final JsonMapper json;

    public RoomPublisher(StatefulRedisConnection<String, String> redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public void toRoom(UUID conversationId, Object frame) {
        String text = json.writeValueAsString(frame);
        afterCommit(() -> publish(Channels.room(conversationId), text));
    }

    public void toUser(UUID userId, ControlEvent event) {
        String text = json.writeValueAsString(event);
        afterCommit(() -> publish(Channels.user(userId), text));
    }

    /**
     * Asynchronous, so a batch of messages goes out pipelined instead of one round trip each; one
     * connection keeps them in the order published.
     */
    private void publish(String channel, String text) {
        try {
            redis.async().publish(channel, text).whenComplete((receivers, error) -> {
                if (error != null) {
                    log.warn("Could not publish on {}; clients catch up from the database: {}", channel, error.getMessage());
                }
            });
        }
        catch (RedisException ex) {
            log.warn("Could not publish on {}; clients catch up from the database: {}", channel, ex.getMessage());
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
        else {
            action.run();
        }
    }
}
