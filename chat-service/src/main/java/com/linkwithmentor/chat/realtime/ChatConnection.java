package com.linkwithmentor.chat.realtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;

import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import com.linkwithmentor.chat.message.MessageFrame;
import com.linkwithmentor.chat.message.MessageService;
import com.linkwithmentor.chat.presence.Presence;
import com.linkwithmentor.chat.room.CloseCodes;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;

import tools.jackson.databind.json.JsonMapper;

/**
 * One open WebSocket: who it belongs to, what it follows, and what it still has to write.
 *
 * <p><b>Writing.</b> Frames go into a bounded queue that one virtual thread at a time drains onto
 * the socket, so a client that reads slowly blocks only its own writer, never a fan-out lane or
 * another connection. When the queue outgrows its bounds the connection is dropped (4008): a
 * client that cannot keep up reconnects and resumes from the database instead.
 *
 * <p><b>Ordering.</b> Per followed conversation a lane delivers {@code message} frames in sequence
 * order, each exactly once: an early frame waits (briefly) for the ones before it, and the gap is
 * then read from the database, which has every committed message; a frame already delivered is
 * dropped. Edits, deletions and late verdicts about a message not yet delivered wait for it. Lanes
 * are guarded by the connection's monitor; nothing under it blocks.
 */
final class ChatConnection {

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);

    /** Reads a batch of messages after a sequence number, for gap fills and resumes. */
    interface History {
        MessageService.Batch after(UUID viewer, UUID conversationId, long afterSeq);
    }

    private final String id;

    private final WebSocketSession session;

    private final CurrentUser user;

    private final String accessToken;

    private final RealtimeExecutors executors;

    private final RealtimeProperties properties;

    private final JsonMapper json;

    private final History history;

    private final Consumer<ChatConnection> onOverflow;

    private final Map<UUID, Lane> lanes = new HashMap<>();

    private final ConcurrentLinkedQueue<String> outbound = new ConcurrentLinkedQueue<>();

    private final AtomicInteger queuedFrames = new AtomicInteger();

    private final AtomicLong queuedChars = new AtomicLong();

    private final AtomicBoolean writing = new AtomicBoolean();

    private final AtomicReference<@Nullable CloseStatus> closeRequested = new AtomicReference<>();

    private volatile boolean closed;

    /** Close the socket right after the close frame: a client that stopped reading will never answer it. */
    private volatile boolean hardClose;

    private volatile Presence.Status presence = Presence.Status.ONLINE;

    private volatile long presenceRefreshedAt;

    private @Nullable ScheduledFuture<?> expiry;

    private final Map<UUID, TypingSent> typingSent = new HashMap<>();

    private double frameTokens;

    private long frameTokensAt = System.nanoTime();

    ChatConnection(String id, WebSocketSession session, CurrentUser user, String accessToken,
            RealtimeExecutors executors, RealtimeProperties properties, JsonMapper json, History history,
            Consumer<ChatConnection> onOverflow) {
        this.id = id;
        this.session = session;
        this.user = user;
        this.accessToken = accessToken;
        this.executors = executors;
        this.properties = properties;
        this.json = json;
        this.history = history;
        this.onOverflow = onOverflow;
        this.frameTokens = properties.frameBurst();
    }

    // ---- writing -------------------------------------------------------------------------

    void send(Object frame) {
        emit(json.writeValueAsString(frame));
    }

    /** Queues a frame for the writer; never blocks. Drops the connection when the queue is full. */
    void emit(String frame) {
        if (closed) {
            return;
        }
        int frames = queuedFrames.incrementAndGet();
        long chars = queuedChars.addAndGet(frame.length());
        if (frames > properties.outboundMaxFrames() || chars > properties.outboundMaxBytes().toBytes()) {
            queuedFrames.decrementAndGet();
            queuedChars.addAndGet(-frame.length());
            overflow();
            return;
        }
        outbound.add(frame);
        startWriter();
    }

    private void overflow() {
        if (closed) {
            return;
        }
        log.info("Connection {} of user {} is too slow ({} frames waiting); disconnecting it", id, user.id(),
                queuedFrames.get());
        closed = true;
        outbound.clear();
        queuedFrames.set(0);
        queuedChars.set(0);
        onOverflow.accept(this);
        hardClose = true;
        requestClose(new CloseStatus(CloseCodes.TOO_SLOW, "Too slow to keep up; reconnect and resume"));
    }

    /** Closes after the frames already queued have been written; later frames are dropped. */
    void close(CloseStatus status) {
        closed = true;
        requestClose(status);
    }

    /** The socket is gone: stop queueing for it. */
    void markClosed() {
        closed = true;
    }

    private void requestClose(CloseStatus status) {
        if (closeRequested.compareAndSet(null, status)) {
            startWriter();
        }
    }

    private void startWriter() {
        if (writing.compareAndSet(false, true)) {
            executors.virtual().execute(this::write);
        }
    }

    private void write() {
        try {
            while (true) {
                String frame = outbound.poll();
                if (frame != null) {
                    queuedFrames.decrementAndGet();
                    queuedChars.addAndGet(-frame.length());
                    session.sendMessage(new TextMessage(frame));
                    continue;
                }
                CloseStatus close = closeRequested.get();
                if (close != null) {
                    closed = true;
                    closeSession(close, hardClose);
                    return;
                }
                writing.set(false);
                if ((outbound.isEmpty() && closeRequested.get() == null) || !writing.compareAndSet(false, true)) {
                    return;
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            log.debug("Writing to connection {} failed; closing it: {}", id, ex.toString());
            closed = true;
            closeSession(CloseStatus.SESSION_NOT_RELIABLE, true);
        }
    }

    private void closeSession(CloseStatus status, boolean hard) {
        try {
            // Tomcat-specific: its standard close waits for the client's answer, which a stalled client never sends.
            if (hard && session instanceof NativeWebSocketSession nativeSession
                    && nativeSession.getNativeSession() instanceof WsSession tomcat) {
                CloseReason reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(status.getCode()),
                        status.getReason());
                tomcat.doClose(reason, reason, true);
            }
            else if (session.isOpen()) {
                session.close(status);
            }
        }
        catch (IOException | RuntimeException ex) {
            log.debug("Closing connection {} failed: {}", id, ex.toString());
        }
    }

    // ---- lanes ---------------------------------------------------------------------------

    /** Starts following a conversation; live frames are held until {@link #ready} gives the baseline. */
    synchronized boolean follow(UUID conversationId) {
        return lanes.putIfAbsent(conversationId, new Lane()) == null;
    }

    synchronized boolean unfollow(UUID conversationId) {
        return lanes.remove(conversationId) != null;
    }

    synchronized boolean follows(UUID conversationId) {
        return lanes.containsKey(conversationId);
    }

    synchronized Set<UUID> followed() {
        return Set.copyOf(lanes.keySet());
    }

    /** Live delivery starts after {@code lastSeq}; what came before is the client's to resume. */
    synchronized void ready(UUID conversationId, long lastSeq) {
        Lane lane = lanes.get(conversationId);
        if (lane == null || lane.ready) {
            return;
        }
        lane.ready = true;
        lane.next = lastSeq + 1;
        drain(conversationId, lane);
    }

    /** A {@code message} frame from the room. */
    synchronized void onMessage(UUID conversationId, long seq, String frame) {
        Lane lane = lanes.get(conversationId);
        if (lane == null) {
            return;
        }
        if (lane.ready && seq == lane.next) {
            emit(frame);
            lane.next++;
            drain(conversationId, lane);
        }
        else if (!lane.ready || seq > lane.next) {
            hold(conversationId, lane, seq, frame);
        }
    }

    /** A change to one message: delivered after the message itself. */
    synchronized void onChange(UUID conversationId, long seq, String frame) {
        Lane lane = lanes.get(conversationId);
        if (lane == null) {
            return;
        }
        if (lane.ready && seq < lane.next) {
            emit(frame);
        }
        else {
            lane.after.computeIfAbsent(seq, s -> new ArrayList<>()).add(frame);
        }
    }

    private void hold(UUID conversationId, Lane lane, long seq, String frame) {
        lane.early.putIfAbsent(seq, frame);
        if (lane.early.size() > properties.laneBuffer()) {
            // Far behind: keep nothing; the gap fill reads everything from the database.
            lane.early.clear();
            lane.behind = true;
        }
        if (lane.ready) {
            scheduleFill(conversationId, lane);
        }
    }

    /** Delivers what is now in order, and plans a database read for a gap that remains. */
    private void drain(UUID conversationId, Lane lane) {
        while (!lane.early.isEmpty() && lane.early.firstKey() <= lane.next) {
            Map.Entry<Long, String> first = lane.early.pollFirstEntry();
            if (first.getKey() == lane.next) {
                emit(first.getValue());
                lane.next++;
            }
        }
        while (!lane.after.isEmpty() && lane.after.firstKey() < lane.next) {
            lane.after.pollFirstEntry().getValue().forEach(this::emit);
        }
        if ((!lane.early.isEmpty() || lane.behind) && lane.ready) {
            scheduleFill(conversationId, lane);
        }
    }

    private void scheduleFill(UUID conversationId, Lane lane) {
        if (lane.fillPlanned) {
            return;
        }
        lane.fillPlanned = true;
        long generation = lane.generation;
        executors.timers().schedule(() -> executors.virtual().execute(() -> fill(conversationId, generation)),
                properties.gapWait().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fill(UUID conversationId, long generation) {
        long from;
        synchronized (this) {
            Lane lane = lanes.get(conversationId);
            if (lane == null || lane.generation != generation) {
                return;
            }
            lane.fillPlanned = false;
            if ((lane.early.isEmpty() && !lane.behind) || closed) {
                return;
            }
            from = lane.next - 1;
        }
        MessageService.Batch batch;
        try {
            batch = history.after(user.id(), conversationId, from);
        }
        catch (RuntimeException ex) {
            log.debug("Gap fill for {} on {} failed: {}", conversationId, id, ex.toString());
            return;
        }
        synchronized (this) {
            Lane lane = lanes.get(conversationId);
            if (lane != null && lane.generation == generation) {
                apply(conversationId, lane, batch);
            }
        }
    }

    /**
     * Re-delivers everything after {@code lastSeq} from the database, then continues live. Live
     * frames arriving meanwhile are held, so the client sees one ordered stream without repeats.
     */
    void resume(UUID conversationId, long lastSeq) {
        synchronized (this) {
            Lane lane = lanes.get(conversationId);
            if (lane == null) {
                throw ApiException.notFound("Conversation");
            }
            lane.ready = false;
            lane.generation++;
            lane.fillPlanned = false;
            lane.behind = false;
            lane.next = lastSeq + 1;
        }
        MessageService.Batch batch;
        try {
            batch = history.after(user.id(), conversationId, lastSeq);
        }
        catch (RuntimeException ex) {
            synchronized (this) {
                Lane lane = lanes.get(conversationId);
                if (lane != null) {
                    lane.ready = true;
                    drain(conversationId, lane);
                }
            }
            throw ex;
        }
        synchronized (this) {
            Lane lane = lanes.get(conversationId);
            if (lane == null) {
                // Unfollowed meanwhile (the member was removed): nothing more to deliver.
                return;
            }
            lane.ready = true;
            lane.next = Math.max(lane.next, lastSeq + 1);
            apply(conversationId, lane, batch);
            send(new ServerFrames.Resumed(conversationId, lane.next - 1, batch.hasMore()));
        }
    }

    /** Merges a database batch (complete up to its {@code coveredUpTo}) into the lane and delivers. */
    private void apply(UUID conversationId, Lane lane, MessageService.Batch batch) {
        for (MessageFrame frame : batch.messages()) {
            long seq = frame.seq() != null ? frame.seq() : 0;
            if (seq >= lane.next) {
                lane.early.put(seq, json.writeValueAsString(frame));
            }
        }
        while (true) {
            Map.Entry<Long, String> first = lane.early.firstEntry();
            if (first != null && first.getKey() < lane.next) {
                lane.early.pollFirstEntry();
            }
            else if (first != null && first.getKey() == lane.next) {
                lane.early.pollFirstEntry();
                emit(first.getValue());
                lane.next++;
            }
            else if (lane.next <= batch.coveredUpTo()) {
                // Numbers the database has no visible message for (blocked or hidden): skip them.
                lane.next = first != null && first.getKey() <= batch.coveredUpTo() ? first.getKey()
                        : batch.coveredUpTo() + 1;
            }
            else {
                break;
            }
        }
        lane.behind = lane.behind && batch.hasMore();
        drain(conversationId, lane);
    }

    // ---- limits and state ----------------------------------------------------------------

    /** The connection's own frame budget, refilled continuously. */
    synchronized boolean allowFrame() {
        long now = System.nanoTime();
        frameTokens = Math.min(properties.frameBurst(),
                frameTokens + (now - frameTokensAt) / 1e9 * properties.framesPerSecond());
        frameTokensAt = now;
        if (frameTokens < 1) {
            return false;
        }
        frameTokens--;
        return true;
    }

    /** Typing frames for one conversation: a change always goes out, a repeat at most once a second. */
    synchronized boolean allowTyping(UUID conversationId, boolean isTyping) {
        long now = System.nanoTime();
        TypingSent last = typingSent.get(conversationId);
        if (last != null && last.isTyping() == isTyping && now - last.atNanos() < 1_000_000_000L) {
            return false;
        }
        typingSent.put(conversationId, new TypingSent(isTyping, now));
        return true;
    }

    void expireAt(ScheduledFuture<?> future) {
        this.expiry = future;
    }

    void cancelExpiry() {
        ScheduledFuture<?> future = expiry;
        if (future != null) {
            future.cancel(false);
        }
    }

    boolean presenceRefreshDue(long intervalNanos) {
        long now = System.nanoTime();
        if (now - presenceRefreshedAt < intervalNanos) {
            return false;
        }
        presenceRefreshedAt = now;
        return true;
    }

    void presence(Presence.Status status) {
        this.presence = status;
        this.presenceRefreshedAt = System.nanoTime();
    }

    Presence.Status presence() {
        return presence;
    }

    String id() {
        return id;
    }

    CurrentUser user() {
        return user;
    }

    String accessToken() {
        return accessToken;
    }

    boolean isClosed() {
        return closed;
    }

    private record TypingSent(boolean isTyping, long atNanos) {
    }

    /** One conversation's delivery state on this connection. */
    private static final class Lane {

        boolean ready;

        long next;

        long generation;

        boolean fillPlanned;

        /** Early frames were dropped for lack of room: the database must fill in even without any held. */
        boolean behind;

        final TreeMap<Long, String> early = new TreeMap<>();

        final TreeMap<Long, List<String>> after = new TreeMap<>();
    }
}
