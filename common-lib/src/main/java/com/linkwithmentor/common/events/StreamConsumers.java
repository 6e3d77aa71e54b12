package com.linkwithmentor.common.events;

import java.util.List;

import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops one {@link StreamConsumer} per declared {@link StreamSubscription}. On shutdown
 * every consumer is asked to stop at once, then each is waited for (each finishes what it read).
 */
public class StreamConsumers implements SmartLifecycle {

    private final List<StreamConsumer> consumers;

    private volatile boolean running;

    public StreamConsumers(List<StreamConsumer> consumers) {
        this.consumers = List.copyOf(consumers);
    }

    @Override
    public void start() {
        consumers.forEach(StreamConsumer::start);
        running = true;
    }

    List<StreamConsumer> consumers() {
        return consumers;
    }

    @Override
    public void stop() {
        consumers.forEach(StreamConsumer::requestStop);
        consumers.forEach(StreamConsumer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
