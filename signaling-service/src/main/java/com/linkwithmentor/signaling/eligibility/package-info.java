/**
 * Who may call whom, asked of the services that know: meeting-service for a session's two sides, chat-service for a shared conversation. Both calls have timeouts and circuit breakers; an outage is a 503, never a guess.
 */
@NullMarked
package com.linkwithmentor.signaling.eligibility;

import org.jspecify.annotations.NullMarked;
