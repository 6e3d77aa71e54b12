package com.linkwithmentor.chat.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.linkwithmentor.chat.message.MessageFrame;
import com.linkwithmentor.chat.message.MessageService;
import com.linkwithmentor.chat.presence.Presence;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.realtime.Connection;
import com.linkwithmentor.realtime.RealtimeExecutors;

import tools.jackson.databind.json.JsonMapper;

/**
 * What chat keeps per open socket beyond what the socket layer does: which conversations it
 * follows and how far each has been delivered, its presence, its last typing states.
 *
 * <p><b>Ordering.</b> Per followed conversation a lane delivers {@code message} frames in sequence
 * order, each exactly once: an early frame waits (briefly) for the ones before it, and the gap is
 * then read from the database, which has every committed message; a frame already delivered is
 * dropped. Edits, deletions and late verdicts about a message not yet delivered wait for it. Lanes
 * are guarded by this object's monitor; nothing under it blocks (writing to the connection never
 * does).
 */
final class ChatSession {

    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);

    /** Reads a batch of messages after a sequence number, for gap fills and resumes. */
    interface History {
        MessageService.Batch after(UUID viewer, UUID conversationId, long afterSeq);
    }

    private final Connection connection;

    private final RealtimeExecutors executors;

    private final ChatSocketProperties properties;

    private final JsonMapper json;

    private final History history;

    private final Map<UUID, Lane> lanes = new HashMap<>();

    private final Map<UUID, TypingSent> typingSent = new HashMap<>(2);

    private volatile Presence.Status presence = Presence.Status.ONLINE;

    private volatile long presenceRefreshedAt;

    ChatSession(Connection connection, RealtimeExecutors executors, ChatSocketProperties properties, JsonMapper json,
            History history) {
        this.connection = connection;
        this.executors = executors;
        this.properties = properties;
        this.json = json;
        this.history = history;
    }

    Connection connection() {
        return connection;
    }

    UUID userId() {
        return connection.userId();
    }

    void emit(String frame) {
        connection.sendText(frame);
    }

    // ---- lanes ---------------------------------------------------------------------------------

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
        lane.baseline = lastSeq;
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

    /**
     * The conversation's newest sequence number, read after Pub/Sub may have lost messages (Redis
     * came back): anything this lane has not delivered up to it is read from the database.
     */
    synchronized void caughtUpTo(UUID conversationId, long lastSeq) {
        Lane lane = lanes.get(conversationId);
        if (lane != null && lane.ready && lastSeq >= lane.next) {
            lane.behind = true;
            scheduleFill(conversationId, lane);
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
        executors.timer().schedule(() -> executors.virtual().execute(() -> fill(conversationId, generation)),
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
            if ((lane.early.isEmpty() && !lane.behind) || !connection.isOpen()) {
                return;
            }
            from = lane.next - 1;
        }
        MessageService.Batch batch;
        try {
            batch = history.after(userId(), conversationId, from);
        }
        catch (RuntimeException ex) {
            log.debug("Gap fill for {} on {} failed: {}", conversationId, connection.id(), ex.toString());
            synchronized (this) {
                Lane lane = lanes.get(conversationId);
                if (lane != null && lane.generation == generation) {
                    scheduleFill(conversationId, lane);
                }
            }
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
     * Delivers what the client missed before this connection's live delivery began: the messages
     * after {@code lastSeq} up to the baseline its {@code ready} named (live ones after it have come,
     * or will come, live; nothing is sent twice), then {@code resumed}. A conversation followed
     * without a baseline yet (joined a moment ago) starts live right after the resumed messages.
     */
    void resume(UUID conversationId, long lastSeq) {
        long baseline;
        synchronized (this) {
            Lane lane = lanes.get(conversationId);
            if (lane == null) {
                throw ApiException.notFound("Conversation");
            }
            if (!lane.ready) {
                lane.generation++;
                lane.fillPlanned = false;
                lane.behind = false;
                lane.next = lastSeq + 1;
                baseline = -1;
            }
            else {
                baseline = lane.baseline;
            }
        }
        if (baseline < 0) {
            resumeStart(conversationId, lastSeq);
            return;
        }
        if (lastSeq >= baseline) {
            // Nothing older is missing; what came after the baseline came live.
            history.after(userId(), conversationId, lastSeq);
            connection.send(new ServerFrame.Resumed(conversationId, lastSeq, false));
            return;
        }
        MessageService.Batch batch = history.after(userId(), conversationId, lastSeq);
        long covered = Math.min(batch.coveredUpTo(), baseline);
        synchronized (this) {
            if (!lanes.containsKey(conversationId)) {
                return;
            }
            for (MessageFrame frame : batch.messages()) {
                if (frame.seq() != null && frame.seq() <= covered) {
                    emit(json.writeValueAsString(frame));
                }
            }
            connection.send(new ServerFrame.Resumed(conversationId, covered, covered < baseline));
        }
    }

    /** A lane that had no baseline: the database's messages after {@code lastSeq}, then live from there. */
    private void resumeStart(UUID conversationId, long lastSeq) {
        MessageService.Batch batch;
        try {
            batch = history.after(userId(), conversationId, lastSeq);
        }
        catch (RuntimeException ex) {
            synchronized (this) {
                Lane lane = lanes.get(conversationId);
                if (lane != null) {
                    lane.ready = true;
                    lane.baseline = lastSeq;
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
            lane.baseline = lastSeq;
            lane.next = Math.max(lane.next, lastSeq + 1);
            apply(conversationId, lane, batch);
            connection.send(new ServerFrame.Resumed(conversationId, lane.next - 1, batch.hasMore()));
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

    // ---- typing and presence -------------------------------------------------------------------

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

    private record TypingSent(boolean isTyping, long atNanos) {
    }

    /** One conversation's delivery state on this connection. */
    private static final class Lane {

        boolean ready;

        /** The newest sequence number when live delivery began: resumes fill up to it, live goes on after it. */
        long baseline;

        long next;

        long generation;

        boolean fillPlanned;

        /** Early frames were dropped for lack of room: the database must fill in even without any held. */
        boolean behind;

        final TreeMap<Long, String> early = new TreeMap<>();

        final TreeMap<Long, List<String>> after = new TreeMap<>();
    }
}
