package com.linkwithmentor.meeting.whiteboard;

import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.redis.RealtimePublisher;
import com.linkwithmentor.common.redis.RealtimeSubscriber;

import io.lettuce.core.RedisException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out of board changes across instances on Redis Pub/Sub {@code whiteboard.session.{id}}.
 * Fire and forget: a lost message loses no data (the live board and PostgreSQL are the record),
 * a client that notices a version gap fetches the board.
 */
@Component
public class WhiteboardChannel {

    private static final Logger log = LoggerFactory.getLogger(WhiteboardChannel.class);

    private final RealtimePublisher publisher;

    private final RealtimeSubscriber subscriber;

    private final JsonMapper json;

    WhiteboardChannel(RealtimePublisher publisher, RealtimeSubscriber subscriber, JsonMapper json) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.json = json;
    }

    /** Channels are {@code PREFIX + session_id}. */
    public static final String PREFIX = "whiteboard.session.";

    public static String channel(UUID sessionId) {
        return PREFIX + sessionId;
    }

    void publish(BoardMessage message) {
        try {
            publisher.publish(channel(message.sessionId()), json.writeValueAsString(message));
        }
        catch (RedisException ex) {
            log.debug("Board change of {} not fanned out: {}", message.sessionId(), ex.getMessage());
        }
    }

    /** Every change to the session's board from any instance, until the subscription is closed. */
    public RealtimeSubscriber.Subscription subscribe(UUID sessionId, Consumer<BoardMessage> listener) {
        return subscriber.subscribe(channel(sessionId), (channel, message) -> listener.accept(
                json.readValue(message, BoardMessage.class)));
    }
}
