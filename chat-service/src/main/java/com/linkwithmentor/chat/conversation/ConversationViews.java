package com.linkwithmentor.chat.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Conversations as the API shows them. */
final class ConversationViews {

    private ConversationViews() {
    }

    /** One conversation with its active members and whether each is online. */
    record ConversationView(UUID conversationId, ConversationType type, @Nullable String title, @Nullable UUID sessionId,
            UUID createdBy, Instant createdAt, String myRole, long lastSeq, long lastReadSeq, List<MemberView> members) {
    }

    record MemberView(UUID userId, String role, Instant joinedAt, long lastReadSeq, String presence) {
    }

    /** A line of "my conversations": what it is, what was said last, and how much I have not read. */
    record ConversationSummary(UUID conversationId, ConversationType type, @Nullable String title,
            @Nullable UUID sessionId, String myRole, int memberCount, long lastSeq, long lastReadSeq, long unreadCount,
            @Nullable LastMessage lastMessage, Instant lastActivityAt) {
    }

    /** The newest message the reader may see; a deleted one keeps its place but not its content. */
    record LastMessage(UUID messageId, long seq, UUID senderId, @Nullable String content, String moderationStatus,
            Instant createdAt, @Nullable Instant editedAt, boolean deleted) {
    }

    record ConversationPage(List<ConversationSummary> items, @Nullable String nextCursor) {
    }
}
