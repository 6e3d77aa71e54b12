package com.linkwithmentor.meeting.whiteboard;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one instance tells the others (and, through them, their connected clients) about a board
 * on {@code whiteboard.session.{session_id}}. {@code version} is the board's version after the
 * change; a client that sees a gap fetches the board again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = BoardMessage.OpsApplied.class, name = "ops_applied"),
        @JsonSubTypes.Type(value = BoardMessage.BoardReplaced.class, name = "board_replaced"),
        @JsonSubTypes.Type(value = BoardMessage.BoardClosed.class, name = "board_closed") })
public sealed interface BoardMessage {

    UUID sessionId();

    long version();

    /** Operations that took effect, in order; the board's version went from {@code version - ops.size()} to {@code version}. */
    record OpsApplied(UUID sessionId, long version, UUID by, List<ElementChange> ops) implements BoardMessage {
    }

    /** The whole board was replaced (a PUT): fetch it again. */
    record BoardReplaced(UUID sessionId, long version, UUID by) implements BoardMessage {
    }

    /** The session ended: the board is written back and no longer changes (it can still be read). */
    record BoardClosed(UUID sessionId, long version) implements BoardMessage {
    }

    /** One element's new state: {@code deleted} for a delete (then {@code kind}/{@code data} are the last ones). */
    record ElementChange(String op, String elementId, long elementVersion, String kind, @Nullable Object data,
            boolean deleted) {
    }
}
