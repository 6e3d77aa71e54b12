package com.linkwithmentor.chat.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.linkwithmentor.chat.message.MessageService;

/**
 * Frames only chat's socket sends that are not built where a change happens (message, membership
 * and read-receipt frames are): Jackson writes each record's name as its {@code type}. Errors
 * come from the socket layer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
sealed interface ServerFrame {

    /** First frame on a new connection: where each followed conversation stands now. */
    @JsonTypeName("ready")
    record Ready(String connectionId, UUID userId, List<Followed> conversations, int maxMessageChars,
            long heartbeatSeconds) implements ServerFrame {
    }

    record Followed(UUID conversationId, long lastSeq, long lastReadSeq) {
    }

    /** The answer to a send, after the message is stored (or known from an earlier send). */
    @JsonTypeName("ack")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(String clientMsgId, UUID conversationId, UUID messageId, @Nullable Long seq, String moderationStatus,
            Instant createdAt, boolean duplicate, MessageService.@Nullable Reason reason) implements ServerFrame {

        static Ack of(MessageService.SendResult result) {
            return new Ack(result.clientMsgId(), result.conversationId(), result.messageId(), result.seq(),
                    result.moderationStatus(), result.createdAt(), result.duplicate(), result.reason());
        }
    }

    @JsonTypeName("typing")
    record Typing(UUID conversationId, UUID userId, boolean isTyping) implements ServerFrame {
    }

    /** A member's presence changed; sent to each conversation shared with them. */
    @JsonTypeName("presence")
    record Presence(UUID conversationId, UUID userId, String status, Instant at) implements ServerFrame {
    }

    /** Closes a resume: the client now has everything up to {@code last_seq}; more to ask for if {@code has_more}. */
    @JsonTypeName("resumed")
    record Resumed(UUID conversationId, long lastSeq, boolean hasMore) implements ServerFrame {
    }

    @JsonTypeName("pong")
    record Pong(Instant at) implements ServerFrame {
    }
}
