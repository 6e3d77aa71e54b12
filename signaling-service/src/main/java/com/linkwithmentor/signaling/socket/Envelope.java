package com.linkwithmentor.signaling.socket;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One Pub/Sub message of a call or user room: a header line saying what it is and who gets it,
 * then the frame's JSON exactly as it goes out (encoded once, never re-serialised).
 *
 * <pre>
 * kind|call_id|target|except_connection
 * {"type":"offer",...}
 * </pre>
 *
 * {@code kind}: {@code f} a frame, {@code e} the call ended (sockets leave it), {@code k} a
 * connection is replaced (target is its id). {@code target}: {@code *}, a user id, or
 * {@code !<user id>} for everyone but that user.
 */
record Envelope(char kind, @Nullable UUID callId, String target, String except, String json) {

    static final char FRAME = 'f';

    static final char ENDED = 'e';

    static final char KICK = 'k';

    static Envelope toAll(UUID callId, String json, @Nullable String exceptConnection) {
        return new Envelope(FRAME, callId, "*", exceptConnection != null ? exceptConnection : "", json);
    }

    static Envelope toUser(@Nullable UUID callId, UUID userId, String json) {
        return new Envelope(FRAME, callId, userId.toString(), "", json);
    }

    static Envelope toAllBut(UUID callId, UUID userId, String json) {
        return new Envelope(FRAME, callId, "!" + userId, "", json);
    }

    static Envelope ended(UUID callId, String json) {
        return new Envelope(ENDED, callId, "*", "", json);
    }

    static Envelope kick(UUID callId, String connectionId, String json) {
        return new Envelope(KICK, callId, connectionId, "", json);
    }

    String encode() {
        return kind + "|" + (callId != null ? callId : "") + "|" + target + "|" + except + "\n" + json;
    }

    static Envelope decode(String message) {
        int newline = message.indexOf('\n');
        String[] header = message.substring(0, newline).split("\\|", -1);
        return new Envelope(header[0].charAt(0), header[1].isEmpty() ? null : UUID.fromString(header[1]), header[2],
                header[3], message.substring(newline + 1));
    }

    /** Whether a socket of this user with this connection id gets it. */
    boolean reaches(UUID userId, String connectionId) {
        if (connectionId.equals(except)) {
            return false;
        }
        if (kind == KICK) {
            return target.equals(connectionId);
        }
        if (target.equals("*")) {
            return true;
        }
        if (target.startsWith("!")) {
            return !target.substring(1).equals(userId.toString());
        }
        return target.equals(userId.toString());
    }
}
