package com.linkwithmentor.common.events;

/**
 * Handles one durable event, inside the transaction that also records it as processed: throw to
 * roll both back and have the event delivered again.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope event);
}
