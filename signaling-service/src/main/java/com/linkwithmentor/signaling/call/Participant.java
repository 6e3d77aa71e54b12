package com.linkwithmentor.signaling.call;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One person in a call. {@code position} is the server's rank (the caller is 0): in each pair the
 * one ranked later is the polite peer of perfect negotiation. Connected while {@code connectionId}
 * is set; in the rejoin grace window while {@code disconnectedAt} is; gone once {@code leftAt} is.
 */
public record Participant(UUID userId, int position, @Nullable Instant joinedAt, @Nullable Instant leftAt,
        @Nullable String connectionId, @Nullable Instant disconnectedAt) {

    public boolean connected() {
        return connectionId != null;
    }

    /** Connected, or dropped and still within the grace window. */
    public boolean present() {
        return leftAt == null && (connectionId != null || disconnectedAt != null);
    }

    public boolean hasJoined() {
        return joinedAt != null;
    }

    public boolean isCaller() {
        return position == 0;
    }
}
