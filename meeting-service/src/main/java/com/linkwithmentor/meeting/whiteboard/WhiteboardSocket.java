package com.linkwithmentor.meeting.whiteboard;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.meeting.session.SessionAccess;
import com.linkwithmentor.realtime.Connection;
import com.linkwithmentor.realtime.EncodedFrame;
import com.linkwithmentor.realtime.Handshake;
import com.linkwithmentor.realtime.RealtimeProperties;
import com.linkwithmentor.realtime.RoomHub;
import com.linkwithmentor.realtime.RoomHubs;
import com.linkwithmentor.realtime.SocketEndpoint;

import tools.jackson.databind.json.JsonMapper;

/**
 * The live board, {@code /ws/whiteboard?session_id=}, on the socket layer (see
 * {@code whiteboard-protocol.md} beside application.yml): a thin adapter over {@link LiveBoards}.
 * Only the session's participants get past the handshake (others 404, before the upgrade); a new
 * connection joins the session's room ({@code whiteboard.session.{id}}) first and then reads the
 * board, so every change committed after the read arrives live, after the snapshot. Batches go
 * through the same checks, rate and compare-and-set as REST; each applied batch is published by
 * {@link LiveBoards} and reaches every connection of the session on any instance.
 */
@Component
class WhiteboardSocket implements SocketEndpoint<BoardFrame, WhiteboardSocket.Viewer> {

    static final String PATH = "/ws/whiteboard";

    private static final Logger log = LoggerFactory.getLogger(WhiteboardSocket.class);

    /** One socket on one session's board. */
    record Viewer(Connection connection, UUID sessionId) {
    }

    private final RoomHub<Viewer> rooms;

    private final LiveBoards boards;

    private final SessionAccess sessions;

    private final OpRates rates;

    private final WhiteboardProperties properties;

    private final RealtimeProperties socket;

    private final JsonMapper json;

    WhiteboardSocket(RoomHubs hubs, LiveBoards boards, SessionAccess sessions, OpRates rates,
            WhiteboardProperties properties, RealtimeProperties socket, JsonMapper json) {
        this.boards = boards;
        this.sessions = sessions;
        this.rates = rates;
        this.properties = properties;
        this.socket = socket;
        this.json = json;
        this.rooms = hubs.create(WhiteboardChannel.PREFIX, this::deliver);
        // Pub/Sub lost what was published while Redis was away: every viewer gets the board afresh.
        this.rooms.onResync(this::resync);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Class<BoardFrame> frameType() {
        return BoardFrame.class;
    }

    @Override
    public List<String> references() {
        return List.of("client_batch_id");
    }

    /** A session this user takes part in, or 400 (no or a malformed id) / 404 (anyone else's), before the upgrade. */
    @Override
    public void admit(Handshake handshake) {
        sessions.requireParticipant(sessionId(handshake.query("session_id")), handshake.user().id());
    }

    @Override
    public Viewer open(Connection connection) {
        Viewer viewer = new Viewer(connection, sessionId(connection.handshake().query("session_id")));
        rooms.join(viewer.sessionId().toString(), viewer);
        connection.ready(snapshot(viewer.sessionId()));
        return viewer;
    }

    @Override
    public void receive(Viewer viewer, Connection connection, BoardFrame frame) {
        switch (frame) {
            case BoardFrame.Ops batch -> {
                sessions.requireWorkable(viewer.sessionId(), connection.userId());
                List<Whiteboard.Op> ops = BoardOps.parse(batch.ops(), properties.maxOpsPerBatch(), "ops");
                rates.take(connection.userId(), viewer.sessionId(), ops.size());
                BoardOps.Results results = BoardOps.results(batch.ops(),
                        boards.apply(viewer.sessionId(), ops, connection.userId()));
                connection.send(new BoardServerFrame.Ack(batch.clientBatchId(), viewer.sessionId(), results.version(),
                        results.applied(), results.results()));
            }
            case BoardFrame.Sync sync -> connection.send(snapshot(viewer.sessionId()));
        }
    }

    @Override
    public void closed(Viewer viewer, Connection connection, int code) {
        rooms.leave(viewer.sessionId().toString(), viewer);
    }

    private BoardServerFrame.Snapshot snapshot(UUID sessionId) {
        return BoardServerFrame.Snapshot.of(boards.snapshot(sessionId), BoardServerFrame.Limits.of(properties),
                socket.heartbeat().toSeconds());
    }

    /**
     * A board message from any instance: applied ops go to every local viewer as they came (encoded
     * once); a replaced board is read once and sent whole.
     */
    private void deliver(String roomId, String message, List<Viewer> viewers) {
        if ("board_replaced".equals(json.readTree(message).path("type").asString(""))) {
            sendSnapshot(roomId, viewers);
            return;
        }
        EncodedFrame frame = EncodedFrame.of(message);
        viewers.forEach(viewer -> viewer.connection().send(frame));
    }

    private void resync(Set<String> roomIds) {
        roomIds.forEach(roomId -> sendSnapshot(roomId, rooms.members(roomId)));
    }

    private void sendSnapshot(String roomId, List<Viewer> viewers) {
        if (viewers.isEmpty()) {
            return;
        }
        try {
            EncodedFrame frame = EncodedFrame.of(json.writeValueAsString(snapshot(UUID.fromString(roomId))));
            viewers.forEach(viewer -> viewer.connection().send(frame));
        }
        catch (RuntimeException ex) {
            log.warn("Board {} not sent afresh to its viewers: {}", roomId, ex.toString());
        }
    }

    private static UUID sessionId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("session_id", "Name the session: /ws/whiteboard?session_id=<session id>");
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException(value);
            }
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.badRequest("session_id", "session_id must be a session's id (a UUID)");
        }
    }
}
