/**
 * The {@code /ws/signaling} protocol on the realtime layer (see {@code signaling-websocket-protocol.md} beside application.yml): joining calls, relaying offers, answers and candidates to one peer, media-state notices, the rejoin grace window. Fan-out across instances is Redis Pub/Sub {@code signal.call.{callId}} (and {@code signal.user.{userId}} for ringing and hang-ups).
 */
@NullMarked
package com.linkwithmentor.signaling.socket;

import org.jspecify.annotations.NullMarked;
