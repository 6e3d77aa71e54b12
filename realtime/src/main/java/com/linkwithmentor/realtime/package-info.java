/**
 * The WebSocket layer every real-time socket of the fleet stands on: chat's {@code /ws/chat},
 * signaling's {@code /ws/signaling} and the whiteboard's {@code /ws/whiteboard}.
 *
 * <p>A service declares a {@link com.linkwithmentor.realtime.SocketEndpoint} bean (its path, its
 * sealed client-frame type, what it does on open, on each frame and on close) and gets, without
 * writing them again: the token check before the upgrade (401/403 ApiError bodies), typed frame
 * parsing that answers hostile input with {@code bad_frame}/{@code validation_error} frames and
 * keeps the socket open, per-connection and per-user frame limits, a bounded outbound queue that
 * drops a slow client alone (4008), "nothing before {@code ready}", heartbeats and idle close,
 * token expiry (4001), rooms fanned out across instances over Redis Pub/Sub in per-room order
 * ({@link com.linkwithmentor.realtime.RoomHub}), and a graceful drain on shutdown (1012).
 *
 * <p><b>Why a module of its own, not common-lib:</b> it brings a second HTTP server (Reactor
 * Netty) and the whole socket machinery, which the REST-only services (user, payment, lecture,
 * moderation) must not carry; common-lib stays the small plumbing every service shares.
 *
 * <p><b>Why Reactor Netty beside Tomcat:</b> measured on an idle instance holding 10,000 sockets,
 * Tomcat's WebSocket keeps about 88 KB of heap per connection (its per-session text and binary
 * message buffers, the socket's read and write buffers, the encoder buffers), Reactor Netty about
 * 5 KB (pooled buffers are taken per read and given back). So a service keeps its REST API on
 * Tomcat and serves its sockets from this server on a port of its own
 * ({@code lwm.realtime.port}); the gateway keeps the public paths and routes them there.
 */
@NullMarked
package com.linkwithmentor.realtime;

import org.jspecify.annotations.NullMarked;
