package com.linkwithmentor.realtime.sample;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.realtime.Connection;
import com.linkwithmentor.realtime.EncodedFrame;
import com.linkwithmentor.realtime.Handshake;
import com.linkwithmentor.realtime.RoomHub;
import com.linkwithmentor.realtime.RoomHubs;
import com.linkwithmentor.realtime.SocketEndpoint;

/**
 * A minimal endpoint on the socket layer, for its tests: echoes, rooms across instances, slow
 * handlers, and an admission rule ({@code ?room=} joins a room while opening, after an optional
 * {@code ?open_ms=} pause, to prove frames of a busy room wait for {@code ready}).
 */
@Component
public class EchoSocket implements SocketEndpoint<EchoFrame, EchoSocket.Session> {

    /** Users refused at the handshake (403). */
    public static final Set<UUID> BANNED = ConcurrentHashMap.newKeySet();

    /** Every close seen, for assertions. */
    public static final List<Integer> CLOSES = new CopyOnWriteArrayList<>();

    /** How many times the rooms were resynced after Redis came back. */
    public static final java.util.concurrent.atomic.AtomicInteger RESYNCS = new java.util.concurrent.atomic.AtomicInteger();

    private final RoomHub<Session> rooms;

    public EchoSocket(RoomHubs hubs) {
        this.rooms = hubs.create("echo.room.", (room, message, members) -> {
            EncodedFrame frame = EncodedFrame.of(message);
            members.forEach(member -> member.connection().send(frame));
        });
        this.rooms.onResync(followed -> RESYNCS.incrementAndGet());
    }

    public record Session(Connection connection, Set<String> rooms) {
    }

    public record Ready(String type, String connectionId, UUID userId) {
    }

    public record Said(String type, String text, String requestId) {
    }

    @Override
    public String path() {
        return "/ws/echo";
    }

    @Override
    public Class<EchoFrame> frameType() {
        return EchoFrame.class;
    }

    @Override
    public List<String> references() {
        return List.of("request_id");
    }

    @Override
    public void admit(Handshake handshake) {
        if (BANNED.contains(handshake.user().id())) {
            throw ApiException.forbidden("This account may not connect");
        }
    }

    @Override
    public Session open(Connection connection) {
        Session session = new Session(connection, ConcurrentHashMap.newKeySet());
        String room = connection.handshake().query("room");
        if (room != null) {
            rooms.join(room, session);
            session.rooms().add(room);
        }
        String pause = connection.handshake().query("open_ms");
        if (pause != null) {
            sleep(Long.parseLong(pause));
        }
        connection.ready(new Ready("ready", connection.id(), connection.userId()));
        return session;
    }

    @Override
    public void receive(Session session, Connection connection, EchoFrame frame) {
        switch (frame) {
            case EchoFrame.Say say -> connection.send(new Said("said", say.text(), say.requestId()));
            case EchoFrame.Join join -> {
                rooms.join(join.room(), session);
                session.rooms().add(join.room());
                connection.send(Map.of("type", "joined", "room", join.room()));
            }
            case EchoFrame.Shout shout -> rooms.publish(shout.room(), "{\"type\":\"shouted\",\"room\":\"" + shout.room()
                    + "\",\"seq\":" + shout.seq() + ",\"text\":" + quote(shout.text()) + "}");
            case EchoFrame.Work work -> {
                sleep(work.millis());
                connection.send(Map.of("type", "worked", "millis", work.millis()));
            }
            case EchoFrame.Tags tags -> {
                if (tags.tags().contains("forbidden")) {
                    throw ApiException.forbidden("No such tag for you");
                }
                if (tags.tags().contains("boom")) {
                    throw new IllegalStateException("internal detail that must not leak");
                }
                connection.send(Map.of("type", "tagged", "count", tags.tags().size()));
            }
        }
    }

    @Override
    public void closed(Session session, Connection connection, int code) {
        session.rooms().forEach(room -> rooms.leave(room, session));
        CLOSES.add(code);
    }

    public RoomHub<Session> rooms() {
        return rooms;
    }

    private static String quote(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
