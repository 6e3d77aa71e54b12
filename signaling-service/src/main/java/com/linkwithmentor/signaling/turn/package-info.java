/**
 * TURN for calls: per-call, per-user long-term credentials written into the user database coturn reads (Redis), renewed while the call lives and deleted when it ends or the user is suspended; TURN's health checked with STUN through a circuit breaker, so a dead TURN server means STUN-only answers marked degraded.
 */
@NullMarked
package com.linkwithmentor.signaling.turn;

import org.jspecify.annotations.NullMarked;
