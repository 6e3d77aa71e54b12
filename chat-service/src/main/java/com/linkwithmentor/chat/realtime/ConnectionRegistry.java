package com.linkwithmentor.chat.realtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import com.linkwithmentor.chat.conversation.MembershipFrame;
import com.linkwithmentor.chat.conversation.Memberships;
import com.linkwithmentor.chat.message.MessageFrame;
import com.linkwithmentor.chat.room.Channels;
import com.linkwithmentor.chat.room.ControlEvent;
import com.linkwithmentor.common.redis.RealtimeSubscriber;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This instance's open connections, by user and by followed conversation.
 *
 * <p>An instance subscribes to {@code chat.room.{id}} while at least one of its connections
 * follows that conversation, and unsubscribes when the last one stops; a frame from a room goes
 * to exactly the local connections following it. Control events for users (follow, unfollow,
 * close) arrive on one pattern subscription to {@code chat.user.*} and are acted on only where
 * that user has connections.
 */
@Component
class ConnectionRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

    private final Map<UUID, Set<ChatConnection>> byUser = new ConcurrentHashMap<>();

    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();

    private final RealtimeSubscriber subscriber;

    private final RealtimeExecutors executors;

    private final Memberships memberships;

    private final JsonMapper json;

    private volatile RealtimeSubscriber.@Nullable Subscription controlSubscription;

    ConnectionRegistry(RealtimeSubscriber subscriber, RealtimeExecutors executors, Memberships memberships,
            JsonMapper json, MeterRegistry meters) {
        this.subscriber = subscriber;
        this.executors = executors;
        this.memberships = memberships;
        this.json = json;
        Gauge.builder("chat.connections", byUser, users -> users.values().stream().mapToInt(Set::size).sum())
            .description("Open chat WebSocket connections on this instance").register(meters);
        Gauge.builder("chat.rooms", rooms, Map::size)
            .description("Conversations this instance is subscribed to").register(meters);
    }

    /** A conversation's local followers and this instance's subscription to its room. */
    private record Room(Set<ChatConnection> followers, RealtimeSubscriber.Subscription subscription) {
    }

    void register(ChatConnection connection) {
        byUser.computeIfAbsent(connection.user().id(), id -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** Forgets the connection and stops following all its conversations. */
    void unregister(ChatConnection connection) {
        for (UUID conversationId : connection.followed()) {
            unfollow(connection, conversationId);
        }
        byUser.computeIfPresent(connection.user().id(), (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Subscribes to the room first (if this instance is not yet), then adds the connection. */
    void follow(ChatConnection connection, UUID conversationId) {
        if (!connection.follow(conversationId)) {
            return;
        }
        rooms.compute(conversationId, (id, room) -> {
            Room current = room != null ? room
                    : new Room(ConcurrentHashMap.newKeySet(), subscriber.subscribe(Channels.room(id), this::onRoomFrame));
            current.followers().add(connection);
            return current;
        });
    }

    void unfollow(ChatConnection connection, UUID conversationId) {
        connection.unfollow(conversationId);
        rooms.computeIfPresent(conversationId, (id, room) -> {
            room.followers().remove(connection);
            if (!room.followers().isEmpty()) {
                return room;
            }
            room.subscription().close();
            return null;
        });
    }

    Set<ChatConnection> connectionsOf(UUID userId) {
        return Set.copyOf(byUser.getOrDefault(userId, Set.of()));
    }

    // ---- rooms: Lettuce's event loop hands over to the conversation's fan-out lane -------------

    private void onRoomFrame(String channel, String text) {
        UUID conversationId;
        try {
            conversationId = UUID.fromString(channel.substring(Channels.ROOM_PREFIX.length()));
        }
        catch (IllegalArgumentException ex) {
            return;
        }
        executors.fanOut(conversationId, () -> deliver(conversationId, text));
    }

    private void deliver(UUID conversationId, String text) {
        Room room = rooms.get(conversationId);
        if (room == null) {
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(text);
        }
        catch (JacksonException ex) {
            log.warn("Unreadable frame on room {}: {}", conversationId, ex.getOriginalMessage());
            return;
        }
        String type = frame.path("type").asString("");
        long seq = frame.path("seq").asLong(-1);
        String userId = frame.path("user_id").asString("");
        for (ChatConnection connection : room.followers()) {
            switch (type) {
                case MessageFrame.MESSAGE -> connection.onMessage(conversationId, seq, text);
                case "message_edited", "message_deleted", "message_moderated" ->
                    connection.onChange(conversationId, seq, text);
                case "typing", MembershipFrame.JOINED, MembershipFrame.LEFT -> {
                    // Your own typing is not news; your own joining or leaving reaches you as a control event.
                    if (!userId.equals(connection.user().id().toString())) {
                        connection.emit(text);
                    }
                }
                default -> connection.emit(text);
            }
        }
    }

    // ---- control events ------------------------------------------------------------------------

    private void onControl(String channel, String text) {
        UUID userId;
        try {
            userId = UUID.fromString(channel.substring(Channels.USER_PREFIX.length()));
        }
        catch (IllegalArgumentException ex) {
            return;
        }
        if (!byUser.containsKey(userId)) {
            return;
        }
        executors.virtual().execute(() -> control(userId, text));
    }

    private void control(UUID userId, String text) {
        JsonNode event;
        try {
            event = json.readTree(text);
        }
        catch (JacksonException ex) {
            log.warn("Unreadable control event for {}: {}", userId, ex.getOriginalMessage());
            return;
        }
        String kind = event.path("kind").asString("");
        String frame = event.path("frame").isObject() ? json.writeValueAsString(event.path("frame")) : null;
        UUID conversationId = event.path("conversation_id").isString()
                ? UUID.fromString(event.path("conversation_id").asString()) : null;
        for (ChatConnection connection : connectionsOf(userId)) {
            switch (kind) {
                case ControlEvent.ATTACH -> {
                    if (conversationId != null) {
                        follow(connection, conversationId);
                        memberships.followed(conversationId, userId)
                            .ifPresent(followed -> connection.ready(conversationId, followed.lastSeq()));
                    }
                    emitIfPresent(connection, frame);
                }
                case ControlEvent.DETACH -> {
                    if (conversationId != null) {
                        unfollow(connection, conversationId);
                    }
                    emitIfPresent(connection, frame);
                }
                case ControlEvent.CLOSE -> {
                    int code = event.path("close_code").asInt(CloseStatus.POLICY_VIOLATION.getCode());
                    String reason = event.path("reason").asString("");
                    connection.send(new ServerFrames.Error("forbidden", reason, null, null, null, null, null));
                    connection.close(new CloseStatus(code, truncate(reason)));
                }
                default -> log.debug("Ignoring control event '{}' for {}", kind, userId);
            }
        }
    }

    private static void emitIfPresent(ChatConnection connection, @Nullable String frame) {
        if (frame != null) {
            connection.emit(frame);
        }
    }

    /** A close reason travels in a control frame of at most 123 bytes. */
    private static String truncate(String reason) {
        return reason.length() > 100 ? reason.substring(0, 100) : reason;
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Override
    public void start() {
        controlSubscription = subscriber.subscribePattern(Channels.USER_PATTERN, this::onControl);
    }

    @Override
    public void stop() {
        RealtimeSubscriber.Subscription subscription = controlSubscription;
        if (subscription != null) {
            subscription.close();
            controlSubscription = null;
        }
        for (Set<ChatConnection> connections : List.copyOf(byUser.values())) {
            for (ChatConnection connection : connections) {
                connection.close(CloseStatus.GOING_AWAY);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return controlSubscription != null;
    }
}
