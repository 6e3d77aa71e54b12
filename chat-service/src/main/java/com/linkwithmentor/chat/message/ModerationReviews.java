package com.linkwithmentor.chat.message;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.linkwithmentor.chat.moderation.ContentReviewed;
import com.linkwithmentor.chat.moderation.ModerationStatus;
import com.linkwithmentor.chat.room.RoomPublisher;

/**
 * Carries out moderators' decisions on chat messages, live and in history: a message flagged or
 * blocked after review, or restored when a flag or block is overturned. Runs inside the event
 * handler's transaction; the room hears of it once that commits. A restored message that was
 * blocked before it took a place in the sequence gets the next one and arrives as a new message.
 */
@Component
class ModerationReviews {

    private static final Logger log = LoggerFactory.getLogger(ModerationReviews.class);

    private final MessageRepository messages;

    private final RoomPublisher rooms;

    ModerationReviews(MessageRepository messages, RoomPublisher rooms) {
        this.messages = messages;
        this.rooms = rooms;
    }

    @EventListener
    void decided(ContentReviewed review) {
        UUID messageId = review.messageId();
        ModerationStatus status = review.status();
        List<String> categories = review.categories();
        if (messages.find(messageId).isEmpty()) {
            log.debug("Review of unknown message {} ignored", messageId);
            return;
        }
        Message message = messages.lock(messageId);
        if (!message.moderated(status, categories)) {
            log.debug("Review of message {} changes nothing", messageId);
            return;
        }
        boolean newlyPlaced = message.seq() == null && status != ModerationStatus.BLOCKED;
        if (newlyPlaced) {
            message.placeAt(messages.nextSeq(message.conversationId()));
        }
        messages.update(message, true);
        // The room hears of it once the handler's transaction commits (RoomPublisher waits for that).
        rooms.toRoom(message.conversationId(), newlyPlaced ? MessageFrame.message(message) : MessageFrame.moderated(message));
    }
}
