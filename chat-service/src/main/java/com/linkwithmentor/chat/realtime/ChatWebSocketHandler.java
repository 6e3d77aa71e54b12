package com.linkwithmentor.chat.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.lettuce.core.RedisException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.linkwithmentor.chat.conversation.Memberships;
import com.linkwithmentor.chat.conversation.ReadReceipts;
import com.linkwithmentor.chat.message.MessageService;
import com.linkwithmentor.chat.presence.Presence;
import com.linkwithmentor.chat.room.CloseCodes;
import com.linkwithmentor.chat.room.RoomPublisher;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws/chat} protocol: JSON frames, each an object with a {@code type}. A frame that
 * cannot be served is answered with an {@code error} frame (a code, a message, and the ids of the
 * request it answers); the connection stays open. Frames of one connection are handled one at a
 * time, in order, on a virtual thread, so a send may wait on moderation and the database without
 * holding a platform thread. See {@code chat-websocket-protocol.md} beside application.yml.
 */
@Component
class ChatWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private static final String CONNECTION = "lwm.connection";

    /** Tomcat's per-session limit on one blocking write. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    /** How long Tomcat waits for a client to answer our close frame before dropping the socket. */
    private static final String TOMCAT_SESSION_CLOSE_TIMEOUT = "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

    private final ConnectionRegistry registry;

    private final RealtimeExecutors executors;

    private final RealtimeProperties properties;

    private final MessageService messages;

    private final ReadReceipts readReceipts;

    private final Memberships memberships;

    private final Presence presence;

    private final RoomPublisher rooms;

    private final JsonMapper json;

    private final Validator validator;

    ChatWebSocketHandler(ConnectionRegistry registry, RealtimeExecutors executors, RealtimeProperties properties,
            MessageService messages, ReadReceipts readReceipts, Memberships memberships, Presence presence,
            RoomPublisher rooms, JsonMapper json, Validator validator) {
        this.registry = registry;
        this.executors = executors;
        this.properties = properties;
        this.messages = messages;
        this.readReceipts = readReceipts;
        this.memberships = memberships;
        this.presence = presence;
        this.rooms = rooms;
        this.json = json;
        this.validator = validator;
    }

    // ---- opening and closing ------------------------------------------------------------------

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        CurrentUser user = (CurrentUser) session.getAttributes().get(TokenHandshakeInterceptor.USER);
        String token = (String) session.getAttributes().get(TokenHandshakeInterceptor.TOKEN);
        Instant expiresAt = (Instant) session.getAttributes().get(TokenHandshakeInterceptor.EXPIRES_AT);
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session tomcat) {
            tomcat.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, properties.sendTimeout().toMillis());
            tomcat.getUserProperties().put(TOMCAT_SESSION_CLOSE_TIMEOUT, properties.sendTimeout().toMillis());
        }
        ChatConnection connection = new ChatConnection(UUID.randomUUID().toString(), session, user, token,
                executors, properties, json, messages::after,
                slow -> executors.virtual().execute(() -> gone(slow)));
        session.getAttributes().put(CONNECTION, connection);
        registry.register(connection);

        // Subscribe to every room first, then read where each conversation stands: anything
        // committed after that read is published after it too, so it arrives live.
        Set<UUID> before = new HashSet<>();
        memberships.followed(user.id()).forEach(followed -> {
            before.add(followed.conversationId());
            registry.follow(connection, followed.conversationId());
        });
        List<Memberships.Followed> now = memberships.followed(user.id());
        for (Memberships.Followed followed : now) {
            registry.follow(connection, followed.conversationId());
            connection.ready(followed.conversationId(), followed.lastSeq());
            before.remove(followed.conversationId());
        }
        before.forEach(left -> registry.unfollow(connection, left));
        connection.send(new ServerFrames.Ready(connection.id(), user.id(),
                now.stream().map(f -> new ServerFrames.Followed(f.conversationId(), f.lastSeq(), f.lastReadSeq())).toList(),
                messages.maxChars(), presence.heartbeatRefresh().toSeconds()));
        updatePresence(connection, Presence.Status.ONLINE);
        long untilExpiry = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        connection.expireAt(executors.timers().schedule(() -> expire(connection), untilExpiry, TimeUnit.MILLISECONDS));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChatConnection connection = connection(session);
        if (connection != null) {
            gone(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", session.getId(), exception.toString());
    }

    /** Forgets a closed (or dropped) connection; idempotent. */
    private void gone(ChatConnection connection) {
        connection.markClosed();
        connection.cancelExpiry();
        Set<UUID> followed = connection.followed();
        registry.unregister(connection);
        try {
            Presence.Change change = presence.connectionGone(connection.user().id(), connection.id(),
                    connection.user().activeRole().wireName());
            if (change.changed()) {
                announcePresence(connection.user().id(), followed, change.after());
            }
        }
        catch (RedisException ex) {
            log.debug("Presence not updated for {}: {}", connection.user().id(), ex.getMessage());
        }
    }

    private void expire(ChatConnection connection) {
        connection.send(error("unauthorized", "Your access token expired; reconnect with a fresh one and resume", null,
                null, null));
        connection.close(new CloseStatus(CloseCodes.TOKEN_EXPIRED, "Access token expired"));
    }

    // ---- frames -------------------------------------------------------------------------------

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = connection(session);
        if (connection == null || connection.isClosed()) {
            return;
        }
        if (!connection.allowFrame()) {
            connection.send(error("rate_limited", "Too many frames; slow down", null, null, null));
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        }
        catch (JacksonException ex) {
            connection.send(error("bad_frame", "A frame must be a JSON object with a 'type'", null, null, null));
            return;
        }
        if (!frame.isObject() || !frame.path("type").isString()) {
            connection.send(error("bad_frame", "A frame must be a JSON object with a 'type'", null, null, null));
            return;
        }
        String type = frame.path("type").asString();
        try {
            handle(connection, type, frame);
        }
        catch (ApiException ex) {
            connection.send(error(ex.code().name().toLowerCase(Locale.ROOT), ex.getMessage(), ex.details(), type, frame));
        }
        catch (RuntimeException ex) {
            log.error("Handling a '{}' frame of user {} failed", type, connection.user().id(), ex);
            connection.send(error("internal_error", "Something went wrong on our side; try again", null, type, frame));
        }
    }

    private void handle(ChatConnection connection, String type, JsonNode frame) {
        CurrentUser user = connection.user();
        switch (type) {
            case "send" -> {
                ClientFrames.Send send = parse(frame, ClientFrames.Send.class);
                MessageService.SendResult result = messages.send(new MessageService.Sender(user.id(),
                        connection.accessToken()), send.conversationId(), send.clientMsgId(), send.content());
                connection.send(ServerFrames.Ack.of(result));
            }
            case "edit" -> {
                ClientFrames.Edit edit = parse(frame, ClientFrames.Edit.class);
                messages.edit(new MessageService.Sender(user.id(), connection.accessToken()), edit.messageId(),
                        edit.content());
            }
            case "delete" -> messages.delete(user.id(), parse(frame, ClientFrames.Delete.class).messageId());
            case "typing" -> {
                ClientFrames.Typing typing = parse(frame, ClientFrames.Typing.class);
                if (!connection.follows(typing.conversationId())) {
                    throw ApiException.notFound("Conversation");
                }
                if (connection.allowTyping(typing.conversationId(), typing.isTyping())) {
                    rooms.toRoom(typing.conversationId(),
                            new ServerFrames.Typing(typing.conversationId(), user.id(), typing.isTyping()));
                }
            }
            case "read" -> {
                ClientFrames.Read read = parse(frame, ClientFrames.Read.class);
                readReceipts.markRead(read.conversationId(), user.id(), read.seq());
            }
            case "resume" -> {
                ClientFrames.Resume resume = parse(frame, ClientFrames.Resume.class);
                memberships.requireActive(resume.conversationId(), user.id());
                // A membership whose control event has not reached this instance yet: follow now.
                registry.follow(connection, resume.conversationId());
                connection.resume(resume.conversationId(), resume.lastSeq());
            }
            case "presence" -> {
                ClientFrames.PresenceUpdate update = parse(frame, ClientFrames.PresenceUpdate.class);
                updatePresence(connection, Presence.Status.valueOf(update.status().toUpperCase(Locale.ROOT)));
            }
            case "ping" -> {
                if (connection.presenceRefreshDue(presence.heartbeatRefresh().toNanos())) {
                    updatePresence(connection, connection.presence());
                }
                connection.send(new ServerFrames.Pong());
            }
            default -> throw new ApiException(com.linkwithmentor.common.error.ErrorCode.VALIDATION_ERROR,
                    "Unknown frame type '" + type + "'; expected send, edit, delete, typing, read, resume, presence or ping",
                    java.util.Map.of("field", "type"));
        }
    }

    private void updatePresence(ChatConnection connection, Presence.Status status) {
        connection.presence(status);
        try {
            Presence.Change change = presence.connectionIs(connection.user().id(), connection.id(), status,
                    connection.user().activeRole().wireName());
            if (change.changed()) {
                announcePresence(connection.user().id(), connection.followed(), change.after());
            }
        }
        catch (RedisException ex) {
            log.debug("Presence not updated for {}: {}", connection.user().id(), ex.getMessage());
        }
    }

    private void announcePresence(UUID userId, Set<UUID> conversations, Presence.Status status) {
        for (UUID conversationId : conversations) {
            rooms.toRoom(conversationId, new ServerFrames.Presence(conversationId, userId, status.wireName()));
        }
    }

    /** Reads and validates a frame as the given record: 400-style errors name the field as the client wrote it. */
    private <T> T parse(JsonNode frame, Class<T> type) {
        T parsed;
        try {
            parsed = json.treeToValue(frame, type);
        }
        catch (JacksonException ex) {
            String field = ex.getPath().stream().map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "")
                .filter(name -> !name.isEmpty()).reduce((a, b) -> a + "." + b).orElse("frame");
            throw ApiException.badRequest(field, "Field '" + field + "' has a value of the wrong type or format");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(parsed);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                .min(Comparator.comparing(violation -> violation.getPropertyPath().toString())).orElseThrow();
            String field = snakeCase(first.getPropertyPath().toString());
            throw ApiException.badRequest(field, "Field '" + field + "' " + first.getMessage());
        }
        return parsed;
    }

    private static ServerFrames.Error error(String code, String message, @Nullable Object details,
            @Nullable String inReplyTo, @Nullable JsonNode request) {
        return new ServerFrames.Error(code, message, details, inReplyTo, reference(request, "conversation_id"),
                reference(request, "client_msg_id"), reference(request, "message_id"));
    }

    /** Echoes a request's id back so the client can match the error to it (bounded, as it is the client's text). */
    private static @Nullable String reference(@Nullable JsonNode request, String field) {
        if (request == null || !request.path(field).isString()) {
            return null;
        }
        String value = request.path(field).asString();
        return value.length() > 100 ? value.substring(0, 100) : value;
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static @Nullable ChatConnection connection(WebSocketSession session) {
        return (ChatConnection) session.getAttributes().get(CONNECTION);
    }
}
