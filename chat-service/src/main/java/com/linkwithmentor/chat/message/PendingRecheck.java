package com.linkwithmentor.chat.message;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.chat.moderation.ContentModeration;
import com.linkwithmentor.chat.moderation.ModerationProperties;
import com.linkwithmentor.chat.moderation.SenderTokens;
import com.linkwithmentor.chat.moderation.Verdict;
import com.linkwithmentor.chat.room.RoomPublisher;

/**
 * Asks moderation again about messages delivered as pending while it was unreachable. A verdict
 * changes the message's status and tells the room ({@code message_moderated}); a message now
 * blocked disappears for everyone but its sender. Rounds claim rows with SKIP LOCKED, so several
 * instances share the work; each asks with the sender's own token (see {@link SenderTokens}), so
 * a sender's messages are re-checked while the sender is connected somewhere.
 */
@Component
class PendingRecheck {

    private static final Logger log = LoggerFactory.getLogger(PendingRecheck.class);

    /** A token about to expire is not worth a call that may outlive it. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(20);

    private final MessageRepository messages;

    private final ContentModeration moderation;

    private final SenderTokens tokens;

    private final RoomPublisher rooms;

    private final TransactionTemplate transactions;

    private final ModerationProperties properties;

    PendingRecheck(MessageRepository messages, ContentModeration moderation, SenderTokens tokens, RoomPublisher rooms,
            PlatformTransactionManager transactionManager, ModerationProperties properties) {
        this.messages = messages;
        this.moderation = moderation;
        this.tokens = tokens;
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
        Set<UUID> senders = tokens.usableUsers(TOKEN_MARGIN);
        List<Message> claimed = messages.claimPending(senders, properties.recheckBatch(), properties.recheckInterval());
        int reviewed = 0;
        for (Message message : claimed) {
            String token = tokens.usable(message.senderId(), TOKEN_MARGIN).orElse(null);
            if (token == null) {
                continue;
            }
            Verdict verdict = moderation.check(message.id(), message.senderId(), message.content(), token,
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
