package com.linkwithmentor.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's one Redis Pub/Sub connection for all its rooms. Channels are routed by prefix
 * to their {@link RoomHub}, so a message costs one map lookup, not a listener list per channel.
 * Subscribing is asynchronous (a caller that must know it is subscribed waits on the future, off
 * any event loop). Lettuce subscribes again by itself after a reconnect; whatever was published
 * meanwhile is gone, so after a reconnect the hubs are told to resync their rooms from the record.
 */
public final class PubSub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PubSub.class);

    private final StatefulRedisPubSubConnection<String, String> connection;

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private final Map<String, BiConsumer<String, String>> patterns = new ConcurrentHashMap<>();

    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();

    private final RealtimeExecutors executors;

    private volatile boolean lost;

    private record Route(String prefix, BiConsumer<String, String> handler) {
    }

    PubSub(RedisClient client, RealtimeExecutors executors) {
        this.executors = executors;
        this.connection = client.connectPubSub();
        this.connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                for (Route route : routes) {
                    if (channel.startsWith(route.prefix())) {
                        route.handler().accept(channel, message);
                        return;
                    }
                }
            }

            @Override
            public void message(String pattern, String channel, String message) {
                BiConsumer<String, String> handler = patterns.get(pattern);
                if (handler != null) {
                    handler.accept(channel, message);
                }
            }
        });
        this.connection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (!lost) {
                    log.warn("Redis Pub/Sub connection lost; rooms resync when it is back");
                }
                lost = true;
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, java.net.SocketAddress address) {
                if (lost) {
                    lost = false;
                    log.info("Redis Pub/Sub connection back; resyncing rooms");
                    // Once Lettuce has subscribed again; and once more later, for what a slow resubscribe let slip.
                    executors.timer().schedule(PubSub.this::resync, 500, TimeUnit.MILLISECONDS);
                    executors.timer().schedule(PubSub.this::resync, 3, TimeUnit.SECONDS);
                }
            }
        });
    }

    /** Every message on a channel starting with {@code prefix} goes to the handler, on Lettuce's event loop. */
    void route(String prefix, BiConsumer<String, String> handler) {
        routes.add(new Route(prefix, handler));
    }

    CompletableFuture<Void> subscribe(String channel) {
        return connection.async().subscribe(channel).toCompletableFuture();
    }

    void unsubscribe(String channel) {
        connection.async().unsubscribe(channel);
    }

    /**
     * Listens to every channel matching a glob (e.g. {@code chat.user.*}); the handler runs on
     * Lettuce's event loop and must hand real work elsewhere. Waits until subscribed.
     */
    public AutoCloseable subscribePattern(String pattern, BiConsumer<String, String> handler, Duration timeout) {
        patterns.put(pattern, handler);
        try {
            connection.async().psubscribe(pattern).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            log.warn("Subscribing to {} failed; retried when Redis is back: {}", pattern, ex.toString());
        }
        return () -> {
            patterns.remove(pattern);
            connection.async().punsubscribe(pattern);
        };
    }

    /** Called (on a virtual thread) after the connection came back. */
    void onResync(Runnable action) {
        resyncs.add(action);
    }

    private void resync() {
        executors.virtual().execute(() -> {
            for (String pattern : patterns.keySet()) {
                connection.async().psubscribe(pattern);
            }
            for (Runnable action : resyncs) {
                try {
                    action.run();
                }
                catch (RuntimeException ex) {
                    log.warn("Resync after a Redis reconnect failed", ex);
                }
            }
        });
    }

    boolean isConnected() {
        return connection.isOpen() && !lost;
    }

    @Override
    public void close() {
        connection.close();
    }
}
