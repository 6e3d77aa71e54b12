package com.linkwithmentor.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.linkwithmentor.common.redis.RealtimePublisher;

/**
 * Rooms of one kind (chat conversations, calls, whiteboard sessions) fanned out across instances
 * over Redis Pub/Sub: channel {@code prefix + roomId}. This instance subscribes to a room while at
 * least one local member is in it and unsubscribes when the last leaves; a message published by
 * any instance reaches the local members through {@link Delivery}, room by room in the order
 * Redis delivered it (each room always on the same fan-out lane), never on Redis's own thread.
 *
 * <p>A member is whatever the service keeps per connection (e.g. its session object); the hub
 * neither knows nor serialises it. Membership is cheap (a small copy-on-write array per room).
 *
 * @param <M> the service's member type
 */
public final class RoomHub<M> {

    private static final Logger log = LoggerFactory.getLogger(RoomHub.class);

    /** Hands one room message to that room's local members (on the room's fan-out lane). */
    @FunctionalInterface
    public interface Delivery<M> {
        void deliver(String roomId, String message, List<M> members);
    }

    private final String prefix;

    private final PubSub pubsub;

    private final RealtimePublisher publisher;

    private final RealtimeExecutors executors;

    private final Delivery<M> delivery;

    private final Duration timeout;

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();

    private final List<Consumer<Set<String>>> resyncs = new CopyOnWriteArrayList<>();

    RoomHub(String prefix, PubSub pubsub, RealtimePublisher publisher, RealtimeExecutors executors,
            Delivery<M> delivery, Duration timeout) {
        this.prefix = prefix;
        this.pubsub = pubsub;
        this.publisher = publisher;
        this.executors = executors;
        this.delivery = delivery;
        this.timeout = timeout;
        pubsub.route(prefix, this::onMessage);
        pubsub.onResync(this::resync);
    }

    /** One room's local members and this instance's subscription to it. */
    private final class Room {

        volatile Object[] members = new Object[0];

        @Nullable CompletableFuture<Void> subscribed;

        boolean closed;
    }

    public String channel(String roomId) {
        return prefix + roomId;
    }

    /**
     * Adds the member, subscribing this instance to the room first if it is not yet, and returns
     * once Redis confirmed the subscription: a message published after this returns reaches the
     * member. Blocks; call it off event loops. While Redis is away it returns after the command
     * timeout, and the subscription is made when Redis is back (the room resyncs then).
     */
    public void join(String roomId, M member) {
        joinAll(List.of(roomId), member);
    }

    /** Like {@link #join} for many rooms: all subscriptions are asked for at once, then awaited. */
    public void joinAll(Collection<String> roomIds, M member) {
        List<CompletableFuture<Void>> pending = new ArrayList<>(roomIds.size());
        for (String roomId : roomIds) {
            pending.add(add(roomId, member));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<Void> subscribed : pending) {
            try {
                subscribed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Exception ex) {
                log.debug("Subscribing to a {} room is late ({}); resynced when Redis answers", prefix, ex.toString());
            }
        }
    }

    private CompletableFuture<Void> add(String roomId, M member) {
        while (true) {
            Room room = rooms.computeIfAbsent(roomId, id -> new Room());
            synchronized (room) {
                if (room.closed) {
                    continue;
                }
                Object[] members = room.members;
                boolean present = false;
                for (Object existing : members) {
                    present |= existing == member;
                }
                if (!present) {
                    Object[] more = Arrays.copyOf(members, members.length + 1);
                    more[members.length] = member;
                    room.members = more;
                }
                CompletableFuture<Void> subscribed = room.subscribed;
                if (subscribed == null || subscribed.isCompletedExceptionally()) {
                    subscribed = pubsub.subscribe(channel(roomId));
                    room.subscribed = subscribed;
                }
                return subscribed;
            }
        }
    }

    /** Removes the member; the last one out unsubscribes this instance. Never blocks. */
    public void leave(String roomId, M member) {
        Room room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            Object[] members = room.members;
            int at = -1;
            for (int i = 0; i < members.length; i++) {
                if (members[i] == member) {
                    at = i;
                }
            }
            if (at < 0) {
                return;
            }
            Object[] fewer = new Object[members.length - 1];
            System.arraycopy(members, 0, fewer, 0, at);
            System.arraycopy(members, at + 1, fewer, at, members.length - at - 1);
            room.members = fewer;
            if (fewer.length == 0) {
                room.closed = true;
                pubsub.unsubscribe(channel(roomId));
                rooms.remove(roomId, room);
            }
        }
    }

    /** The room's local members now. */
    @SuppressWarnings("unchecked")
    public List<M> members(String roomId) {
        Room room = rooms.get(roomId);
        return room == null ? List.of() : (List<M>) List.of(room.members);
    }

    public boolean contains(String roomId) {
        return rooms.containsKey(roomId);
    }

    /** How many rooms this instance is subscribed to. */
    public int size() {
        return rooms.size();
    }

    /** Publishes to the room on every instance (one Redis round trip); throws when Redis is away. */
    public void publish(String roomId, String message) {
        publisher.publish(channel(roomId), message);
    }

    /**
     * Called after a Redis reconnect with the rooms this instance follows: messages published while
     * it was away were lost, so the service catches its members up from its record (chat reads
     * each conversation's newest sequence number and fills the gap).
     */
    public void onResync(Consumer<Set<String>> action) {
        resyncs.add(action);
    }

    private void onMessage(String channel, String message) {
        String roomId = channel.substring(prefix.length());
        executors.fanOut(roomId, () -> deliver(roomId, message));
    }

    @SuppressWarnings("unchecked")
    private void deliver(String roomId, String message) {
        Room room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        Object[] members = room.members;
        if (members.length == 0) {
            return;
        }
        try {
            delivery.deliver(roomId, message, (List<M>) Arrays.asList(members));
        }
        catch (RuntimeException ex) {
            log.warn("Delivering a message of room {} failed", roomId, ex);
        }
    }

    private void resync() {
        for (java.util.Map.Entry<String, Room> entry : rooms.entrySet()) {
            Room room = entry.getValue();
            synchronized (room) {
                if (!room.closed && (room.subscribed == null || room.subscribed.isCompletedExceptionally())) {
                    room.subscribed = pubsub.subscribe(channel(entry.getKey()));
                }
            }
        }
        Set<String> followed = Set.copyOf(rooms.keySet());
        for (Consumer<Set<String>> action : resyncs) {
            action.accept(followed);
        }
    }
}
