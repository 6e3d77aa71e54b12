package com.linkwithmentor.common.events;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Durable events: who this service is as a producer and consumer group (the application name by
 * default), how often the relay looks for unpublished rows, and when a consumer takes over the
 * pending entries of a crashed one, and how long the relay's last flush on shutdown may take (a
 * database or Redis already gone must not hold the shutdown for the pool's connection timeout).
 */
@ConfigurationProperties("lwm.events")
public record EventsProperties(
        @Nullable String producer,
        @Nullable String consumerGroup,
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("500ms") Duration relayInterval,
        @DefaultValue("100") int relayBatchSize,
        @DefaultValue("100000") long streamMaxLength,
        @DefaultValue("2s") Duration consumerBlock,
        @DefaultValue("30s") Duration claimIdle,
        @DefaultValue("5") int maxDeliveries,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("5s") Duration flushTimeout) {
}
