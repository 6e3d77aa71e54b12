package com.linkwithmentor.chat.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.chat.moderation.ModerationStatus;
import com.linkwithmentor.chat.moderation.Verdict;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * A chat message. Only its sender edits or deletes it; an edit is judged by moderation like a new
 * message and is refused when blocked (the old text stays); a deleted message keeps its place in
 * the sequence as a tombstone without content; a blocked message is seen by its sender only.
 */
public class Message {

    private final UUID id;

    private final UUID conversationId;

    private @Nullable Long seq;

    private final UUID senderId;

    private final String clientMsgId;

    private String content;

    private final String messageType;

    private ModerationStatus moderationStatus;

    private List<String> categories;

    private final Instant createdAt;

    private @Nullable Instant editedAt;

    private @Nullable Instant deletedAt;

    Message(UUID id, UUID conversationId, @Nullable Long seq, UUID senderId, String clientMsgId, String content,
            String messageType, ModerationStatus moderationStatus, List<String> categories, Instant createdAt,
            @Nullable Instant editedAt, @Nullable Instant deletedAt) {
        this.id = id;
        this.conversationId = conversationId;
        this.seq = seq;
        this.senderId = senderId;
        this.clientMsgId = clientMsgId;
        this.content = content;
        this.messageType = messageType;
        this.moderationStatus = moderationStatus;
        this.categories = List.copyOf(categories);
        this.createdAt = createdAt;
        this.editedAt = editedAt;
        this.deletedAt = deletedAt;
    }

    /** Blocked messages exist for their sender only; everyone else gets 404 for them. */
    public boolean visibleTo(UUID userId) {
        return moderationStatus != ModerationStatus.BLOCKED || senderId.equals(userId);
    }

    /** The checks an edit must pass before its text is worth sending to moderation. */
    void requireEditableBy(UUID userId) {
        if (!senderId.equals(userId)) {
            throw ApiException.forbidden("Only the sender may edit a message");
        }
        if (deletedAt != null) {
            throw ApiException.conflict("A deleted message cannot be edited");
        }
        if (moderationStatus == ModerationStatus.BLOCKED) {
            throw ApiException.conflict("A blocked message cannot be edited; send a new one");
        }
    }

    void edit(UUID userId, String newContent, Verdict verdict, Instant at) {
        requireEditableBy(userId);
        if (verdict.status() == ModerationStatus.BLOCKED) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, verdict.explanation().replace("message was not sent",
                    "edit was not applied"), Map.of("moderation_status", "blocked", "categories", verdict.categories()));
        }
        content = newContent;
        moderationStatus = verdict.status();
        categories = verdict.categories();
        editedAt = at;
    }

    void delete(UUID userId, Instant at) {
        if (!senderId.equals(userId)) {
            throw ApiException.forbidden("Only the sender may delete a message");
        }
        if (deletedAt != null) {
            throw ApiException.conflict("The message is already deleted");
        }
        deletedAt = at;
        content = "";
    }

    /** A late verdict on a message sent while moderation was unreachable; false when it no longer applies. */
    boolean reviewed(Verdict verdict) {
        if (moderationStatus != ModerationStatus.PENDING || !verdict.answered()) {
            return false;
        }
        moderationStatus = verdict.status();
        categories = verdict.categories();
        return true;
    }

    /**
     * A moderator's decision after review (moderation's {@code ContentFlagged}/{@code ContentCleared}):
     * flag, block, or restore as approved. False when it changes nothing (a deleted message, or the
     * status it has already, as for the automatic verdict chat applied itself).
     */
    boolean moderated(ModerationStatus decided, List<String> decidedCategories) {
        if (deleted() || moderationStatus == decided) {
            return false;
        }
        moderationStatus = decided;
        categories = List.copyOf(decidedCategories);
        return true;
    }

    /** A message blocked before it took a place in the sequence takes one when a review restores it. */
    void placeAt(long assignedSeq) {
        seq = assignedSeq;
    }

    public UUID id() {
        return id;
    }

    public UUID conversationId() {
        return conversationId;
    }

    public @Nullable Long seq() {
        return seq;
    }

    public UUID senderId() {
        return senderId;
    }

    public String clientMsgId() {
        return clientMsgId;
    }

    public String content() {
        return content;
    }

    public String messageType() {
        return messageType;
    }

    public ModerationStatus moderationStatus() {
        return moderationStatus;
    }

    public List<String> categories() {
        return categories;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public @Nullable Instant editedAt() {
        return editedAt;
    }

    public @Nullable Instant deletedAt() {
        return deletedAt;
    }

    public boolean deleted() {
        return deletedAt != null;
    }
}
