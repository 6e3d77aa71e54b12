package com.linkwithmentor.signaling.call;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A call's clock and size.
 *
 * @param ringTimeout how long a call rings unanswered before it is missed
 * @param rejoinGrace how long a participant whose socket dropped may rejoin before they count as gone
 * @param earlyJoin how long before a session's start its call may begin
 * @param lateJoin how long after a session's scheduled end its call may still begin
 * @param maxParticipants everyone in one call, the caller included (a mesh: each pair is one peer connection)
 * @param sweepInterval how often ring timeouts and grace windows are looked at
 * @param livenessRefresh how often an instance vouches for its sockets; one silent for three of these counts as dropped
 */
@ConfigurationProperties("lwm.signaling.calls")
public record CallProperties(
        @DefaultValue("45s") Duration ringTimeout,
        @DefaultValue("20s") Duration rejoinGrace,
        @DefaultValue("10m") Duration earlyJoin,
        @DefaultValue("30m") Duration lateJoin,
        @DefaultValue("4") int maxParticipants,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("10s") Duration livenessRefresh) {
}
