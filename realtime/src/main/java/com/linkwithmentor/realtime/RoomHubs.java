package com.linkwithmentor.realtime;

import java.time.Duration;

import com.linkwithmentor.common.redis.RealtimePublisher;

/** Makes the service's {@link RoomHub}s, all on this instance's one Pub/Sub connection. */
public final class RoomHubs {

    private final PubSub pubsub;

    private final RealtimePublisher publisher;

    private final RealtimeExecutors executors;

    private final Duration timeout;

    RoomHubs(PubSub pubsub, RealtimePublisher publisher, RealtimeExecutors executors, Duration timeout) {
        this.pubsub = pubsub;
        this.publisher = publisher;
        this.executors = executors;
        this.timeout = timeout;
    }

    /** Rooms on channels {@code prefix + roomId}, e.g. {@code create("signal.call.", ...)}. */
    public <M> RoomHub<M> create(String prefix, RoomHub.Delivery<M> delivery) {
        return new RoomHub<>(prefix, pubsub, publisher, executors, delivery, timeout);
    }

    /** For pattern subscriptions (e.g. per-user control channels) beside the rooms. */
    public PubSub pubsub() {
        return pubsub;
    }
}
