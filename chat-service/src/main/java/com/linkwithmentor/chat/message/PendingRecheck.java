package com.linkwithmentor.chat.message;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.chat.moderation.ContentModeration;
import com.linkwithmentor.chat.moderation.ModerationProperties;
import com.linkwithmentor.chat.moderation.Verdict;
import com.linkwithmentor.chat.room.RoomPublisher;

/**
 * Asks moderation again about messages delivered as pending while it was unreachable. A verdict
 * changes the message's status and tells the room ({@code message_moderated}); a message now
 * blocked disappears for everyone but its sender. Rounds claim rows with SKIP LOCKED, so several
 * instances share the work. The sender is long gone from this thread, so chat asks with its own
 * service credential; a sender who never reconnects is re-checked all the same.
 */
@Component
class PendingRecheck {

    private static final Logger log = LoggerFactory.getLogger(PendingRecheck.class);

    private final MessageRepository messages;

    private final ContentModeration moderation;

    private final RoomPublisher rooms;

    private final TransactionTemplate transactions;

    private final ModerationProperties properties;

    PendingRecheck(MessageRepository messages, ContentModeration moderation, RoomPublisher rooms,
            PlatformTransactionManager transactionManager, ModerationProperties properties) {
        this.messages = messages;
        this.moderation = moderation;
        this.rooms = rooms;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${lwm.chat.moderation.recheck-interval:30s}",
            initialDelayString = "${lwm.chat.moderation.recheck-interval:30s}")
    void recheck() {
        try {
            int reviewed = runOnce();
            if (reviewed > 0) {
                log.info("Re-checked {} pending messages", reviewed);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Re-checking pending messages failed; next round will retry: {}", ex.toString());
        }
    }

    /** One round; returns how many messages got a verdict. */
    int runOnce() {
        List<Message> claimed = messages.claimPending(properties.recheckBatch(), properties.recheckInterval());
        int reviewed = 0;
        for (Message message : claimed) {
            Verdict verdict = moderation.recheck(message.id(), message.senderId(), message.content(),
                    message.conversationId());
            if (!verdict.answered()) {
                // Still away: the rest of the claim waits for the next round.
                break;
            }
            if (apply(message, verdict)) {
                reviewed++;
            }
        }
        return reviewed;
    }

    private boolean apply(Message claimed, Verdict verdict) {
        Boolean applied = transactions.execute(status -> {
            Message current = messages.lock(claimed.id());
            // An edit since the claim was judged on its own; this verdict is about older text.
            if (!current.content().equals(claimed.content()) || !current.reviewed(verdict)) {
                return false;
            }
            messages.update(current, true);
            rooms.toRoom(current.conversationId(), MessageFrame.moderated(current));
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }
}
