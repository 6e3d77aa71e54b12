package com.linkwithmentor.realtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This instance's open connections, by user: how services reach every socket of one user here
 * (a suspension closes them, a new conversation is followed by them), and what shares that user's
 * frame budget.
 */
public final class Connections {

    private final Map<UUID, UserSockets> byUser = new ConcurrentHashMap<>();

    private final AtomicInteger count = new AtomicInteger();

    private final RealtimeProperties properties;

    Connections(RealtimeProperties properties) {
        this.properties = properties;
    }

    /** One user's sockets on this instance and their shared frame budget. */
    static final class UserSockets {

        final LocalBucket frames;

        volatile Connection[] sockets = new Connection[0];

        UserSockets(LocalBucket frames) {
            this.frames = frames;
        }
    }

    /** Makes the user's new connection with the user's shared frame budget, and registers it. */
    Connection register(UUID userId, Function<LocalBucket, Connection> connection) {
        Connection[] made = new Connection[1];
        byUser.compute(userId, (id, user) -> {
            UserSockets current = user != null ? user
                    : new UserSockets(new LocalBucket(properties.userFrameBurst(), properties.userFramesPerSecond()));
            made[0] = connection.apply(current.frames);
            Connection[] sockets = Arrays.copyOf(current.sockets, current.sockets.length + 1);
            sockets[sockets.length - 1] = made[0];
            current.sockets = sockets;
            return current;
        });
        count.incrementAndGet();
        return made[0];
    }

    void unregister(Connection connection) {
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(connection.userId(), (id, user) -> {
            Connection[] sockets = user.sockets;
            List<Connection> kept = new ArrayList<>(sockets.length);
            for (Connection socket : sockets) {
                if (socket == connection) {
                    removed[0] = true;
                }
                else {
                    kept.add(socket);
                }
            }
            if (kept.isEmpty()) {
                return null;
            }
            user.sockets = kept.toArray(Connection[]::new);
            return user;
        });
        if (removed[0]) {
            count.decrementAndGet();
        }
    }

    /** The user's open connections here, on any endpoint. */
    public List<Connection> of(UUID userId) {
        UserSockets user = byUser.get(userId);
        return user == null ? List.of() : List.of(user.sockets);
    }

    /** The user's open connections here on one endpoint path. */
    public List<Connection> of(UUID userId, String path) {
        List<Connection> found = new ArrayList<>(2);
        for (Connection connection : of(userId)) {
            if (connection.path().equals(path)) {
                found.add(connection);
            }
        }
        return found;
    }

    public boolean has(UUID userId) {
        return byUser.containsKey(userId);
    }

    public int count() {
        return count.get();
    }

    public int users() {
        return byUser.size();
    }

    public void forEach(Consumer<Connection> action) {
        for (UserSockets user : byUser.values()) {
            for (Connection connection : user.sockets) {
                action.accept(connection);
            }
        }
    }
}
