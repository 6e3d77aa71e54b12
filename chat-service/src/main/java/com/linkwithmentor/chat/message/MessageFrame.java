package com.linkwithmentor.chat.message;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Message frames as every member's connection receives them: {@code message} (the design's
 * MessageReceived, also sent again on resume), and the later changes to one,
 * {@code message_edited}, {@code message_deleted} and {@code message_moderated} (a late verdict
 * on a pending message, or a moderator's review: clients hide it when it became blocked and show
 * it again, with its content, when a block is overturned). Each names the message's
 * {@code seq}, so a client can order and deduplicate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageFrame(String type, UUID conversationId, UUID messageId, @Nullable Long seq, @Nullable UUID senderId,
        @Nullable String clientMsgId, @Nullable String content, @Nullable String messageType, String moderationStatus,
        @Nullable Instant createdAt, @Nullable Instant editedAt, @Nullable Boolean deleted,
        @Nullable Instant deletedAt) {

    public static final String MESSAGE = "message";

    static MessageFrame message(Message m) {
        return new MessageFrame(MESSAGE, m.conversationId(), m.id(), m.seq(), m.senderId(), m.clientMsgId(),
                m.deleted() ? null : m.content(), m.messageType(), m.moderationStatus().wireName(), m.createdAt(),
                m.editedAt(), m.deleted() ? Boolean.TRUE : null, m.deletedAt());
    }

    static MessageFrame edited(Message m) {
        return new MessageFrame("message_edited", m.conversationId(), m.id(), m.seq(), m.senderId(), null, m.content(),
                null, m.moderationStatus().wireName(), null, m.editedAt(), null, null);
    }

    static MessageFrame deleted(Message m) {
        return new MessageFrame("message_deleted", m.conversationId(), m.id(), m.seq(), m.senderId(), null, null, null,
                m.moderationStatus().wireName(), null, null, Boolean.TRUE, m.deletedAt());
    }

    /** A verdict on a message already delivered; its content again when it is visible (a block overturned). */
    static MessageFrame moderated(Message m) {
        boolean visible = m.moderationStatus() != com.linkwithmentor.chat.moderation.ModerationStatus.BLOCKED;
        return new MessageFrame("message_moderated", m.conversationId(), m.id(), m.seq(), m.senderId(), null,
                visible ? m.content() : null, null, m.moderationStatus().wireName(), null, null, null, null);
    }
}
