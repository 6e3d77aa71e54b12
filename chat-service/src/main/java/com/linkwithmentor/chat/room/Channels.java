package com.linkwithmentor.chat.room;

import java.util.UUID;

/**
 * The Redis Pub/Sub channels chat instances fan out on. A room carries the frames every member
 * connected anywhere should see; a user channel carries control events for one user's
 * connections (join or leave a room, be disconnected), which every instance listens to with one
 * pattern subscription because they are rare.
 */
public final class Channels {

    public static final String ROOM_PREFIX = "chat.room.";

    public static final String USER_PREFIX = "chat.user.";

    public static final String USER_PATTERN = USER_PREFIX + "*";

    private Channels() {
    }

    public static String room(UUID conversationId) {
        return ROOM_PREFIX + conversationId;
    }

    public static String user(UUID userId) {
        return USER_PREFIX + userId;
    }
}
