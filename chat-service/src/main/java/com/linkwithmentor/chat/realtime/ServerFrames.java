package com.linkwithmentor.chat.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.chat.message.MessageService;

/**
 * Frames only the server sends that are not fanned out from a room (those are built where the
 * change happens: message, membership and read-receipt frames).
 */
final class ServerFrames {

    private ServerFrames() {
    }

    /** First frame on a new connection: where each followed conversation stands now. */
    record Ready(String type, String connectionId, UUID userId, List<Followed> conversations, int maxMessageChars,
            long heartbeatSeconds) {

        Ready(String connectionId, UUID userId, List<Followed> conversations, int maxMessageChars,
                long heartbeatSeconds) {
            this("ready", connectionId, userId, conversations, maxMessageChars, heartbeatSeconds);
        }
    }

    record Followed(UUID conversationId, long lastSeq, long lastReadSeq) {
    }

    /** The answer to a send, after the message is stored (or known from an earlier send). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(String type, String clientMsgId, UUID conversationId, UUID messageId, @Nullable Long seq,
            String moderationStatus, Instant createdAt, boolean duplicate, MessageService.@Nullable Reason reason) {

        static Ack of(MessageService.SendResult result) {
            return new Ack("ack", result.clientMsgId(), result.conversationId(), result.messageId(), result.seq(),
                    result.moderationStatus(), result.createdAt(), result.duplicate(), result.reason());
        }
    }

    /** A frame that could not be served: what went wrong, and which request it was about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String code, String message, @Nullable Object details, @Nullable String inReplyTo,
            @Nullable String conversationId, @Nullable String clientMsgId, @Nullable String messageId) {

        Error(String code, String message, @Nullable Object details, @Nullable String inReplyTo,
                @Nullable String conversationId, @Nullable String clientMsgId, @Nullable String messageId) {
            this("error", code, message, details, inReplyTo, conversationId, clientMsgId, messageId);
        }
    }

    record Typing(String type, UUID conversationId, UUID userId, boolean isTyping) {

        Typing(UUID conversationId, UUID userId, boolean isTyping) {
            this("typing", conversationId, userId, isTyping);
        }
    }

    /** A member's presence changed; sent to each conversation shared with them. */
    record Presence(String type, UUID conversationId, UUID userId, String status, Instant at) {

        Presence(UUID conversationId, UUID userId, String status) {
            this("presence", conversationId, userId, status, Instant.now());
        }
    }

    /** Closes a resume: the client now has everything up to {@code last_seq}; more to ask for if {@code has_more}. */
    record Resumed(String type, UUID conversationId, long lastSeq, boolean hasMore) {

        Resumed(UUID conversationId, long lastSeq, boolean hasMore) {
            this("resumed", conversationId, lastSeq, hasMore);
        }
    }

    record Pong(String type, Instant at) {

        Pong() {
            this("pong", Instant.now());
        }
    }
}
