package com.linkwithmentor.chat.realtime;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.RedisException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.linkwithmentor.chat.conversation.Memberships;
import com.linkwithmentor.chat.conversation.ReadReceipts;
import com.linkwithmentor.chat.message.MessageService;
import com.linkwithmentor.chat.moderation.SenderRestrictions;
import com.linkwithmentor.chat.presence.Presence;
import com.linkwithmentor.chat.room.RoomPublisher;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.realtime.Connection;
import com.linkwithmentor.realtime.Handshake;
import com.linkwithmentor.realtime.RealtimeExecutors;
import com.linkwithmentor.realtime.RealtimeProperties;
import com.linkwithmentor.realtime.SocketEndpoint;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws/chat} protocol on the socket layer (see {@code chat-websocket-protocol.md}
 * beside application.yml): who may connect, what a new connection follows and is told first, and
 * what each client frame does. Token checks, frame parsing, limits, queues, heartbeats and closes
 * are the layer's.
 */
@Component
class ChatSocket implements SocketEndpoint<ClientFrame, ChatSession> {

    static final String PATH = "/ws/chat";

    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);

    private final ChatRooms rooms;

    private final RealtimeExecutors executors;

    private final ChatSocketProperties properties;

    private final RealtimeProperties socket;

    private final MessageService messages;

    private final ReadReceipts readReceipts;

    private final Memberships memberships;

    private final Presence presence;

    private final SenderRestrictions restrictions;

    private final RoomPublisher publisher;

    private final JsonMapper json;

    private final Clock clock;

    ChatSocket(ChatRooms rooms, RealtimeExecutors executors, ChatSocketProperties properties, RealtimeProperties socket,
            MessageService messages, ReadReceipts readReceipts, Memberships memberships, Presence presence,
            SenderRestrictions restrictions, RoomPublisher publisher, JsonMapper json,
            org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.rooms = rooms;
        this.executors = executors;
        this.properties = properties;
        this.socket = socket;
        this.messages = messages;
        this.readReceipts = readReceipts;
        this.memberships = memberships;
        this.presence = presence;
        this.restrictions = restrictions;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Class<ClientFrame> frameType() {
        return ClientFrame.class;
    }

    @Override
    public List<String> references() {
        return List.of("conversation_id", "client_msg_id", "message_id");
    }

    /** A suspended user is refused before the upgrade (403); a muted one may connect to read. */
    @Override
    public void admit(Handshake handshake) {
        Optional<SenderRestrictions.Restriction> suspension = restrictions.suspension(handshake.user().id());
        if (suspension.isPresent()) {
            throw ApiException.forbidden("This account is suspended"
                    + (suspension.get().reason() != null ? ": " + suspension.get().reason() : ""));
        }
    }

    /**
     * Subscribes to every room first, then reads where each conversation stands: anything committed
     * after that read is published after it too, so it arrives live, held (with everything else sent
     * to this connection meanwhile) until the {@code ready} frame has gone out.
     */
    @Override
    public ChatSession open(Connection connection) {
        ChatSession session = new ChatSession(connection, executors, properties, json, messages::after);
        // Visible at once: a conversation created while this socket opens is followed through its control event.
        connection.attach(session);
        UUID userId = connection.userId();
        Set<UUID> before = new HashSet<>();
        memberships.followed(userId).forEach(followed -> before.add(followed.conversationId()));
        rooms.followAll(session, before);
        List<Memberships.Followed> now = memberships.followed(userId);
        rooms.followAll(session, now.stream().map(Memberships.Followed::conversationId).toList());
        for (Memberships.Followed followed : now) {
            session.ready(followed.conversationId(), followed.lastSeq());
            before.remove(followed.conversationId());
        }
        before.forEach(left -> rooms.unfollow(session, left));
        connection.ready(new ServerFrame.Ready(connection.id(), userId,
                now.stream().map(f -> new ServerFrame.Followed(f.conversationId(), f.lastSeq(), f.lastReadSeq())).toList(),
                messages.maxChars(), socket.heartbeat().toSeconds()));
        updatePresence(session, Presence.Status.ONLINE);
        return session;
    }

    @Override
    public void closed(ChatSession session, Connection connection, int code) {
        Set<UUID> followed = session.followed();
        rooms.unfollowAll(session);
        try {
            Presence.Change change = presence.connectionGone(connection.userId(), connection.id(),
                    connection.user().activeRole().wireName());
            if (change.changed()) {
                announcePresence(connection.userId(), followed, change.after());
            }
        }
        catch (RedisException ex) {
            log.debug("Presence not updated for {}: {}", connection.userId(), ex.getMessage());
        }
    }

    @Override
    public void receive(ChatSession session, Connection connection, ClientFrame frame) {
        UUID userId = connection.userId();
        switch (frame) {
            case ClientFrame.Send send -> {
                MessageService.SendResult result = messages.send(new MessageService.Sender(userId,
                        connection.accessToken()), send.conversationId(), send.clientMsgId(), send.content());
                connection.send(ServerFrame.Ack.of(result));
            }
            case ClientFrame.Edit edit -> messages.edit(new MessageService.Sender(userId, connection.accessToken()),
                    edit.messageId(), edit.content());
            case ClientFrame.Delete delete -> messages.delete(userId, delete.messageId());
            case ClientFrame.Typing typing -> {
                if (!session.follows(typing.conversationId())) {
                    throw ApiException.notFound("Conversation");
                }
                if (session.allowTyping(typing.conversationId(), typing.isTyping())) {
                    publisher.toRoom(typing.conversationId(),
                            new ServerFrame.Typing(typing.conversationId(), userId, typing.isTyping()));
                }
            }
            case ClientFrame.Read read -> readReceipts.markRead(read.conversationId(), userId, read.seq());
            case ClientFrame.Resume resume -> {
                memberships.requireActive(resume.conversationId(), userId);
                // A membership whose control event has not reached this instance yet: follow now.
                rooms.follow(session, resume.conversationId());
                session.resume(resume.conversationId(), resume.lastSeq());
            }
            case ClientFrame.PresenceUpdate update ->
                updatePresence(session, Presence.Status.valueOf(update.status().toUpperCase(Locale.ROOT)));
            case ClientFrame.Ping ping -> {
                if (session.presenceRefreshDue(presence.heartbeatRefresh().toNanos())) {
                    updatePresence(session, session.presence());
                }
                connection.send(new ServerFrame.Pong(clock.instant()));
            }
        }
    }

    private void updatePresence(ChatSession session, Presence.Status status) {
        session.presence(status);
        Connection connection = session.connection();
        try {
            Presence.Change change = presence.connectionIs(connection.userId(), connection.id(), status,
                    connection.user().activeRole().wireName());
            if (change.changed()) {
                announcePresence(connection.userId(), session.followed(), change.after());
            }
        }
        catch (RedisException ex) {
            log.debug("Presence not updated for {}: {}", connection.userId(), ex.getMessage());
        }
    }

    private void announcePresence(UUID userId, Set<UUID> conversations, Presence.Status status) {
        for (UUID conversationId : conversations) {
            publisher.toRoom(conversationId,
                    new ServerFrame.Presence(conversationId, userId, status.wireName(), clock.instant()));
        }
    }
}
