package com.linkwithmentor.chat.message;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A message as the history API shows it; a deleted one keeps its place without its content. */
public record MessageView(UUID messageId, UUID conversationId, long seq, UUID senderId, String clientMsgId,
        @Nullable String content, String messageType, String moderationStatus, Instant createdAt,
        @Nullable Instant editedAt, boolean deleted, @Nullable Instant deletedAt) {

    static MessageView of(Message message) {
        return new MessageView(message.id(), message.conversationId(), message.seq() != null ? message.seq() : 0,
                message.senderId(), message.clientMsgId(), message.deleted() ? null : message.content(),
                message.messageType(), message.moderationStatus().wireName(), message.createdAt(), message.editedAt(),
                message.deleted(), message.deletedAt());
    }
}
