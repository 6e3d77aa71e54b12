package com.linkwithmentor.common.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Pub/Sub messages on one dedicated connection per instance, for any number of channel
 * or pattern listeners. Lettuce re-subscribes by itself after a reconnect; what was published
 * while disconnected is lost by design, and clients resume from the database.
 */
public class RealtimeSubscriber implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RealtimeSubscriber.class);

    private final StatefulRedisPubSubConnection<String, String> connection;

    private final Map<String, List<BiConsumer<String, String>>> channelListeners = new ConcurrentHashMap<>();

    private final Map<String, List<BiConsumer<String, String>>> patternListeners = new ConcurrentHashMap<>();

    public RealtimeSubscriber(RedisClient client) {
        this.connection = client.connectPubSub();
        this.connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                dispatch(channelListeners.get(channel), channel, message);
            }

            @Override
            public void message(String pattern, String channel, String message) {
                dispatch(patternListeners.get(pattern), channel, message);
            }
        });
    }

    /** Calls the listener with (channel, message) for each message on the channel until the subscription is closed. */
    public Subscription subscribe(String channel, BiConsumer<String, String> listener) {
        return add(channelListeners, channel, listener, false);
    }

    /** Like {@link #subscribe}, for every channel matching a glob pattern such as {@code presence.user.*}. */
    public Subscription subscribePattern(String pattern, BiConsumer<String, String> listener) {
        return add(patternListeners, pattern, listener, true);
    }

    private Subscription add(Map<String, List<BiConsumer<String, String>>> registry, String key,
            BiConsumer<String, String> listener, boolean pattern) {
        registry.compute(key, (k, listeners) -> {
            List<BiConsumer<String, String>> list = listeners != null ? listeners : new CopyOnWriteArrayList<>();
            if (list.isEmpty()) {
                if (pattern) {
                    connection.sync().psubscribe(key);
                }
                else {
                    connection.sync().subscribe(key);
                }
            }
            list.add(listener);
            return list;
        });
        return () -> registry.computeIfPresent(key, (k, list) -> {
            list.remove(listener);
            if (!list.isEmpty()) {
                return list;
            }
            if (pattern) {
                connection.sync().punsubscribe(key);
            }
            else {
                connection.sync().unsubscribe(key);
            }
            return null;
        });
    }

    private static void dispatch(List<BiConsumer<String, String>> listeners, String channel, String message) {
        if (listeners == null) {
            return;
        }
        for (BiConsumer<String, String> listener : listeners) {
            try {
                listener.accept(channel, message);
            }
            catch (RuntimeException ex) {
                log.warn("Listener on {} failed", channel, ex);
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    /** Stops one listener; the channel is unsubscribed when its last listener stops. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
