package com.linkwithmentor.chat.realtime;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The WebSocket endpoint's limits.
 *
 * @param allowedOrigins browser origins allowed to open the socket (clients without an Origin
 *        header, i.e. not browsers, are not affected)
 * @param maxFrameChars largest text frame accepted, in characters; a larger one closes the socket
 *        (1009). Tomcat keeps a buffer of this size per connection, so it is sized for a
 *        maximal message (4000 characters, twice that in UTF-16 for emoji) plus JSON, not more
 * @param outboundMaxFrames frames waiting for one slow client before it is disconnected (4008)
 * @param outboundMaxBytes size of the frames waiting for one slow client (counted in characters) before it
 *        is disconnected (4008)
 * @param sendTimeout longest one write to a client may block
 * @param idleTimeout a socket that sends nothing (no heartbeat) for this long is closed
 * @param framesPerSecond sustained frames a connection may send (besides the per-user send limit)
 * @param frameBurst frames a connection may send at once
 * @param gapWait how long a message that arrived early waits for the ones before it before they
 *        are read from the database
 * @param laneBuffer early messages kept per conversation and connection while waiting
 * @param fanoutThreads threads delivering room messages; each conversation always uses the same one
 * @param socketSendBuffer the kernel send buffer of each connection (SO_SNDBUF)
 */
@ConfigurationProperties("lwm.chat.realtime")
public record RealtimeProperties(
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("16384") int maxFrameChars,
        @DefaultValue("2000") int outboundMaxFrames,
        @DefaultValue("2MB") DataSize outboundMaxBytes,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("300s") Duration idleTimeout,
        @DefaultValue("30") int framesPerSecond,
        @DefaultValue("60") int frameBurst,
        @DefaultValue("200ms") Duration gapWait,
        @DefaultValue("1000") int laneBuffer,
        @DefaultValue("4") int fanoutThreads,
        @DefaultValue("64KB") DataSize socketSendBuffer) {
}
