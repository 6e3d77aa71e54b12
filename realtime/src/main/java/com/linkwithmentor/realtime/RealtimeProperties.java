package com.linkwithmentor.realtime;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The socket server's address and limits, shared by every endpoint it serves.
 *
 * @param port where the WebSocket server listens (0: any free port, as tests use); the service's
 *        REST port stays Tomcat's
 * @param host the address to bind
 * @param allowedOrigins browser origins allowed to open a socket; {@code *} allows all. Clients
 *        without an {@code Origin} header (not browsers) are not affected
 * @param maxFrameBytes the largest text message accepted (after joining its fragments); a larger
 *        one closes the socket with 1009
 * @param maxNesting how deeply a frame's JSON may nest before it is refused as {@code bad_frame}
 * @param outboundMaxFrames frames waiting for one client before it is dropped as too slow (4008)
 * @param outboundMaxBytes bytes waiting for one client before it is dropped as too slow (4008)
 * @param inboundQueue frames read from one client but not yet handled; when full the server stops
 *        reading that socket until its handler catches up (TCP pushes back on the client)
 * @param framesPerSecond sustained frames one connection may send
 * @param frameBurst frames one connection may send at once
 * @param userFramesPerSecond sustained frames all of one user's connections on this instance may send
 * @param userFrameBurst frames all of one user's connections on this instance may send at once
 * @param heartbeat how often clients are asked to send a heartbeat (advertised to them; the layer
 *        answers {@code ping} with {@code pong} unless the endpoint handles it)
 * @param idleTimeout a socket that sends nothing (not even a heartbeat) for this long is closed (4000)
 * @param closeTimeout how long a closing socket may take to flush and answer before it is cut
 * @param drainTimeout on shutdown, how long clients get to receive their 1012 close
 * @param handshakeTimeout longest a handshake (token check, admission) may take
 * @param maxConnections connections this instance accepts; beyond it the handshake gets 503
 * @param fanoutThreads threads delivering room messages; one room always uses the same one
 * @param fanoutQueue room messages waiting per fan-out thread before newer ones are dropped (and
 *        recovered by the service's gap fill, like any lost Pub/Sub message)
 * @param socketSendBuffer each socket's kernel send buffer (SO_SNDBUF): bounds kernel memory, and a
 *        client that stops reading is found out quickly
 * @param sweepInterval how often idle sockets and expired tokens are looked for
 */
@ConfigurationProperties("lwm.realtime")
public record RealtimeProperties(
        @DefaultValue("0") int port,
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("*") List<String> allowedOrigins,
        @DefaultValue("16KB") DataSize maxFrameBytes,
        @DefaultValue("32") int maxNesting,
        @DefaultValue("2000") int outboundMaxFrames,
        @DefaultValue("2MB") DataSize outboundMaxBytes,
        @DefaultValue("32") int inboundQueue,
        @DefaultValue("30") int framesPerSecond,
        @DefaultValue("60") int frameBurst,
        @DefaultValue("60") int userFramesPerSecond,
        @DefaultValue("120") int userFrameBurst,
        @DefaultValue("30s") Duration heartbeat,
        @DefaultValue("300s") Duration idleTimeout,
        @DefaultValue("5s") Duration closeTimeout,
        @DefaultValue("10s") Duration drainTimeout,
        @DefaultValue("10s") Duration handshakeTimeout,
        @DefaultValue("100000") int maxConnections,
        @DefaultValue("4") int fanoutThreads,
        @DefaultValue("50000") int fanoutQueue,
        @DefaultValue("64KB") DataSize socketSendBuffer,
        @DefaultValue("1s") Duration sweepInterval) {
}
