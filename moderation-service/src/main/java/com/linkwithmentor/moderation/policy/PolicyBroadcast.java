package com.linkwithmentor.moderation.policy;

import io.lettuce.core.RedisException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.redis.RealtimePublisher;
import com.linkwithmentor.common.redis.RealtimeSubscriber;

/**
 * Tells the other instances that the policy changed, so a reload through the admin API on one
 * instance reaches all of them. Best effort over Pub/Sub: an instance that misses the message
 * still has its own watcher (shared folder) or the next reload.
 */
@Component
class PolicyBroadcast implements SmartLifecycle {

    static final String CHANNEL = "moderation.policy.reloaded";

    private static final Logger log = LoggerFactory.getLogger(PolicyBroadcast.class);

    private final PolicyStore store;

    private final RealtimePublisher publisher;

    private final RealtimeSubscriber subscriber;

    private RealtimeSubscriber.@Nullable Subscription subscription;

    PolicyBroadcast(PolicyStore store, RealtimePublisher publisher, RealtimeSubscriber subscriber) {
        this.store = store;
        this.publisher = publisher;
        this.subscriber = subscriber;
    }

    void announce(String version) {
        try {
            publisher.publish(CHANNEL, version);
        }
        catch (RedisException ex) {
            log.warn("Could not announce policy {} to other instances: {}", version, ex.getMessage());
        }
    }

    private void onAnnouncement(String channel, String version) {
        if (version.equals(store.current().version())) {
            return;
        }
        try {
            store.reload();
        }
        catch (PolicyException ex) {
            log.error("Another instance loaded policy {}, but it does not load here: {}", version, ex.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        try {
            subscription = subscriber.subscribe(CHANNEL, this::onAnnouncement);
        }
        catch (RedisException ex) {
            log.warn("Not listening for policy reloads of other instances: {}", ex.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
