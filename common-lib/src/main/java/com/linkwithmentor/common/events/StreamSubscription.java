package com.linkwithmentor.common.events;

/** Declare one as a bean to have {@code handler} receive every event on {@code stream}, once. */
public record StreamSubscription(String stream, EventHandler handler) {
}
