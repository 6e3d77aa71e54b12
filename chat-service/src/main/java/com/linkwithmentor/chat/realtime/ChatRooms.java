package com.linkwithmentor.chat.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.linkwithmentor.chat.conversation.MembershipFrame;
import com.linkwithmentor.chat.conversation.Memberships;
import com.linkwithmentor.chat.message.MessageFrame;
import com.linkwithmentor.chat.room.Channels;
import com.linkwithmentor.chat.room.ControlEvent;
import com.linkwithmentor.realtime.CloseCodes;
import com.linkwithmentor.realtime.Connection;
import com.linkwithmentor.realtime.Connections;
import com.linkwithmentor.realtime.RealtimeExecutors;
import com.linkwithmentor.realtime.RoomHub;
import com.linkwithmentor.realtime.RoomHubs;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations as rooms of the socket layer ({@code chat.room.{id}}), and the per-user control
 * channel ({@code chat.user.{id}}: follow, unfollow, close) that every instance hears on one
 * pattern subscription and acts on only where that user has sockets. A room message is parsed
 * once and handed to each local follower's lane.
 */
@Component
class ChatRooms implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChatRooms.class);

    private final RoomHub<ChatSession> rooms;

    private final RoomHubs hubs;

    private final Connections connections;

    private final RealtimeExecutors executors;

    private final Memberships memberships;

    private final JsonMapper json;

    private volatile @Nullable AutoCloseable control;

    ChatRooms(RoomHubs hubs, Connections connections, RealtimeExecutors executors, Memberships memberships,
            JsonMapper json, MeterRegistry meters) {
        this.hubs = hubs;
        this.connections = connections;
        this.executors = executors;
        this.memberships = memberships;
        this.json = json;
        this.rooms = hubs.create(Channels.ROOM_PREFIX, this::deliver);
        this.rooms.onResync(this::resync);
        Gauge.builder("chat.rooms", rooms, RoomHub::size)
            .description("Conversations this instance is subscribed to").register(meters);
    }

    /** Subscribes to the room (if this instance is not yet) and returns once messages will arrive. */
    void follow(ChatSession session, UUID conversationId) {
        if (session.follow(conversationId)) {
            rooms.join(conversationId.toString(), session);
        }
    }

    /** Like {@link #follow} for many conversations, subscribing to all their rooms at once. */
    void followAll(ChatSession session, java.util.Collection<UUID> conversationIds) {
        List<String> joining = conversationIds.stream().filter(session::follow).map(UUID::toString).toList();
        rooms.joinAll(joining, session);
    }

    void unfollow(ChatSession session, UUID conversationId) {
        session.unfollow(conversationId);
        rooms.leave(conversationId.toString(), session);
    }

    void unfollowAll(ChatSession session) {
        for (UUID conversationId : session.followed()) {
            unfollow(session, conversationId);
        }
    }

    /** Chat's sessions of one user on this instance. */
    List<ChatSession> sessionsOf(UUID userId) {
        return connections.of(userId, ChatSocket.PATH).stream().map(c -> c.session(ChatSession.class))
            .filter(java.util.Objects::nonNull).toList();
    }

    // ---- rooms: on the conversation's fan-out lane ----------------------------------------------

    private void deliver(String roomId, String text, List<ChatSession> followers) {
        UUID conversationId = UUID.fromString(roomId);
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
        for (ChatSession session : followers) {
            switch (type) {
                case MessageFrame.MESSAGE -> session.onMessage(conversationId, seq, text);
                case "message_edited", "message_deleted", "message_moderated" ->
                    session.onChange(conversationId, seq, text);
                case "typing", MembershipFrame.JOINED, MembershipFrame.LEFT -> {
                    // Your own typing is not news; your own joining or leaving reaches you as a control event.
                    if (!userId.equals(session.userId().toString())) {
                        session.emit(text);
                    }
                }
                default -> session.emit(text);
            }
        }
    }

    /** Redis came back: what its Pub/Sub lost meanwhile is read from the database, lane by lane. */
    private void resync(Set<String> roomIds) {
        List<UUID> ids = roomIds.stream().map(UUID::fromString).toList();
        Map<UUID, Long> newest = memberships.lastSeqs(ids);
        newest.forEach((conversationId, lastSeq) -> {
            for (ChatSession session : rooms.members(conversationId.toString())) {
                session.caughtUpTo(conversationId, lastSeq);
            }
        });
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
        if (!connections.has(userId)) {
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
        for (ChatSession session : sessionsOf(userId)) {
            switch (kind) {
                case ControlEvent.ATTACH -> {
                    if (conversationId != null) {
                        follow(session, conversationId);
                        memberships.followed(conversationId, userId)
                            .ifPresent(followed -> session.ready(conversationId, followed.lastSeq()));
                    }
                    emitIfPresent(session, frame);
                }
                case ControlEvent.DETACH -> {
                    if (conversationId != null) {
                        unfollow(session, conversationId);
                    }
                    emitIfPresent(session, frame);
                }
                case ControlEvent.CLOSE -> {
                    int code = event.path("close_code").asInt(CloseCodes.POLICY);
                    String reason = event.path("reason").asString("");
                    Connection connection = session.connection();
                    connection.sendError("forbidden", reason);
                    connection.close(code, reason);
                }
                default -> log.debug("Ignoring control event '{}' for {}", kind, userId);
            }
        }
    }

    private static void emitIfPresent(ChatSession session, @Nullable String frame) {
        if (frame != null) {
            session.emit(frame);
        }
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Override
    public void start() {
        control = hubs.pubsub().subscribePattern(Channels.USER_PATTERN, this::onControl, Duration.ofSeconds(5));
    }

    @Override
    public void stop() {
        AutoCloseable subscription = control;
        control = null;
        if (subscription != null) {
            try {
                subscription.close();
            }
            catch (Exception ex) {
                log.debug("Closing the control subscription failed: {}", ex.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return control != null;
    }

    /** Stops after the socket server has drained (which stops first), so closes still reach users. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
