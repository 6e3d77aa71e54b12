package com.linkwithmentor.chat.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat's own delivery settings; the socket's limits (frame size and rate, outbound queue, idle
 * and heartbeat, origins, port) are the socket layer's, under {@code lwm.realtime}.
 *
 * @param gapWait how long a message that arrived early waits for the ones before it before they
 *        are read from the database
 * @param laneBuffer early messages kept per conversation and connection while waiting
 */
@ConfigurationProperties("lwm.chat.realtime")
public record ChatSocketProperties(
        @DefaultValue("200ms") Duration gapWait,
        @DefaultValue("1000") int laneBuffer) {
}
