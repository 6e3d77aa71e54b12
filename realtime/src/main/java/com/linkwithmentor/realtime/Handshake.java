package com.linkwithmentor.realtime;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.security.CurrentUser;

/**
 * What the upgrade request established: the verified user, their token (for calls made on their
 * behalf, e.g. chat's moderation check), when it expires, and the query parameters besides the
 * token (e.g. the whiteboard's {@code session_id}).
 */
public record Handshake(CurrentUser user, String accessToken, Instant expiresAt, Map<String, String> query,
        @Nullable String origin) {

    public Handshake {
        query = Map.copyOf(query);
    }

    /** A query parameter, or null when absent. */
    public @Nullable String query(String name) {
        return query.get(name);
    }
}
