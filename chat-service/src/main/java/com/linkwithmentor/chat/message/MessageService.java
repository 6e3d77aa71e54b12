package com.linkwithmentor.chat.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.chat.conversation.Memberships;
import com.linkwithmentor.chat.moderation.ContentModeration;
import com.linkwithmentor.chat.moderation.ModerationStatus;
import com.linkwithmentor.chat.moderation.SenderRestrictions;
import com.linkwithmentor.chat.moderation.Verdict;
import com.linkwithmentor.chat.room.RoomPublisher;
import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;

/**
 * Sending, editing and deleting messages, and reading them back in sequence.
 *
 * <p>A send is checked in the order that wastes least: the text, the sender's restrictions, an
 * earlier send with the same {@code client_msg_id} (a resend gets the first answer, nothing is
 * stored twice), membership, the rate limit, then moderation, which may take up to its timeout and
 * so runs outside any transaction. The message is stored by the {@link MessageWriter} together with
 * the sends that arrived meanwhile, in one short transaction that takes the conversations' next
 * sequence numbers; it is acked, and published to the room, only after that commits: the database
 * is the record, Pub/Sub only the fan-out.
 */
@Service
public class MessageService {

    private final MessageRepository messages;

    private final Memberships memberships;

    private final SenderRestrictions restrictions;

    private final ContentModeration moderation;

    private final SendRateLimiter rateLimiter;

    private final RoomPublisher rooms;

    private final MessageWriter writer;

    private final SendSteps steps;

    private final TransactionTemplate transactions;

    private final MessageProperties properties;

    MessageService(MessageRepository messages, Memberships memberships, SenderRestrictions restrictions,
            ContentModeration moderation, SendRateLimiter rateLimiter, RoomPublisher rooms, MessageWriter writer,
            PlatformTransactionManager transactionManager, MessageProperties properties, MeterRegistry meters) {
        this.messages = messages;
        this.memberships = memberships;
        this.restrictions = restrictions;
        this.moderation = moderation;
        this.rateLimiter = rateLimiter;
        this.rooms = rooms;
        this.writer = writer;
        this.steps = new SendSteps(meters);
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
    }

    /** Where a send's time goes ({@code chat.send} timer by {@code step}): what the latency benchmark reports. */
    private static final class SendSteps {

        private final java.util.Map<String, Timer> timers = new java.util.HashMap<>();

        SendSteps(MeterRegistry meters) {
            for (String step : List.of("checks", "rate_limit", "moderation", "store")) {
                timers.put(step, Timer.builder("chat.send").tag("step", step)
                    .description("Time a send spends in each step, up to its ack").register(meters));
            }
        }

        /** Records the time since {@code started} for the step; returns now. */
        long record(String step, long started) {
            long now = System.nanoTime();
            timers.get(step).record(now - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            return now;
        }
    }

    /** Who acts, with the access token moderation-service is asked with. */
    public record Sender(UUID userId, String accessToken) {
    }

    /**
     * The outcome of a send: the stored message; whether it was a resend of an earlier one; and
     * for a blocked message, why.
     */
    public record SendResult(UUID messageId, UUID conversationId, String clientMsgId, @Nullable Long seq,
            String moderationStatus, Instant createdAt, boolean duplicate, @Nullable Reason reason) {
    }

    /** Why moderation blocked or flagged a message, for its sender. */
    public record Reason(String message, List<String> categories) {
    }

    /** Messages after a sequence number, and up to where the conversation is covered by them. */
    public record Batch(List<MessageFrame> messages, long coveredUpTo, boolean hasMore) {
    }

    public SendResult send(Sender sender, UUID conversationId, String clientMsgId, String rawContent) {
        String content = checkedContent(rawContent);
        long started = System.nanoTime();
        // Restrictions, an earlier send with this client_msg_id, membership: one round trip, checked in that order.
        MessageRepository.SendContext context = messages.sendContext(sender.userId(), conversationId, clientMsgId);
        started = steps.record("checks", started);
        if (context.restricted()) {
            restrictions.requireMaySend(sender.userId());
        }
        if (context.earlier() != null) {
            Message earlier = messages.find(context.earlier()).orElse(null);
            if (earlier != null) {
                return resent(earlier, conversationId);
            }
        }
        if (context.activeMember() == null) {
            throw ApiException.notFound("Conversation");
        }
        if (!context.activeMember()) {
            throw ApiException.forbidden("You are no longer a member of this conversation");
        }
        rateLimiter.acquire(sender.userId());
        started = steps.record("rate_limit", started);
        UUID messageId = Uuid7.next();
        Verdict verdict = moderation.check(messageId, sender.userId(), content, sender.accessToken(), conversationId);
        started = steps.record("moderation", started);
        Message message;
        try {
            message = writer.store(new MessageWriter.Draft(messageId, conversationId, sender.userId(), clientMsgId, content,
                    verdict.status(), verdict.categories(), verdict.answered()));
            steps.record("store", started);
        }
        catch (DuplicateKeyException ex) {
            // The same client_msg_id raced in from another connection; the first one stored wins.
            return resent(messages.findByClientMsgId(sender.userId(), clientMsgId).orElseThrow(), conversationId);
        }
        return result(message, false);
    }

    private SendResult resent(Message earlier, UUID conversationId) {
        if (!earlier.conversationId().equals(conversationId)) {
            throw new ApiException(ErrorCode.CONFLICT, "client_msg_id '" + earlier.clientMsgId()
                    + "' was already used for a message in another conversation", Map.of("field", "client_msg_id"));
        }
        return result(earlier, true);
    }

    private static SendResult result(Message message, boolean duplicate) {
        Reason reason = switch (message.moderationStatus()) {
            case BLOCKED, FLAGGED -> new Reason(new Verdict(message.moderationStatus(), message.categories(), null, null,
                    true).explanation(), message.categories());
            case PENDING, APPROVED -> null;
        };
        return new SendResult(message.id(), message.conversationId(), message.clientMsgId(), message.seq(),
                message.moderationStatus().wireName(), message.createdAt(), duplicate, reason);
    }

    public MessageFrame edit(Sender sender, UUID messageId, String rawContent) {
        String content = checkedContent(rawContent);
        restrictions.requireMaySend(sender.userId());
        Message message = visible(messageId, sender.userId());
        memberships.requireActive(message.conversationId(), sender.userId());
        message.requireEditableBy(sender.userId());
        rateLimiter.acquire(sender.userId());
        Verdict verdict = moderation.check(messageId, sender.userId(), content, sender.accessToken(),
                message.conversationId());
        return transactions.execute(status -> {
            Message locked = messages.lock(messageId);
            locked.edit(sender.userId(), content, verdict, Instant.now());
            messages.update(locked, verdict.answered());
            MessageFrame frame = MessageFrame.edited(locked);
            rooms.toRoom(locked.conversationId(), frame);
            return frame;
        });
    }

    public MessageFrame delete(UUID userId, UUID messageId) {
        Message message = visible(messageId, userId);
        memberships.requireActive(message.conversationId(), userId);
        return transactions.execute(status -> {
            Message locked = messages.lock(messageId);
            locked.delete(userId, Instant.now());
            messages.update(locked, false);
            MessageFrame frame = MessageFrame.deleted(locked);
            rooms.toRoom(locked.conversationId(), frame);
            return frame;
        });
    }

    /**
     * The messages a member may see after {@code afterSeq}, oldest first, at most one batch. The
     * newest sequence number is read first: every message up to it has committed (numbers are
     * taken under the counter's lock), so the batch is complete up to {@code coveredUpTo}.
     */
    public Batch after(UUID viewer, UUID conversationId, long afterSeq) {
        if (afterSeq < 0) {
            throw ApiException.badRequest("last_seq", "last_seq must be 0 or more");
        }
        Memberships.Followed followed = memberships.followed(conversationId, viewer).orElseGet(() -> {
            memberships.requireActive(conversationId, viewer);
            throw ApiException.notFound("Conversation");
        });
        if (afterSeq > followed.lastSeq()) {
            throw ApiException.badRequest("last_seq", "last_seq " + afterSeq + " is past the newest message ("
                    + followed.lastSeq() + ")");
        }
        int limit = properties.resumeBatch();
        List<Message> found = messages.range(conversationId, viewer, afterSeq, followed.lastSeq(), limit);
        boolean hasMore = found.size() == limit && found.get(limit - 1).seq() < followed.lastSeq();
        long covered = hasMore ? found.get(limit - 1).seq() : followed.lastSeq();
        return new Batch(found.stream().map(MessageFrame::message).toList(), covered, hasMore);
    }

    /** Newest first, before {@code beforeSeq}; for members only. */
    List<MessageView> history(UUID viewer, UUID conversationId, long beforeSeq, int limit) {
        memberships.requireActive(conversationId, viewer);
        return messages.history(conversationId, viewer, beforeSeq, limit).stream().map(MessageView::of).toList();
    }

    private Message visible(UUID messageId, UUID userId) {
        return messages.find(messageId).filter(m -> m.visibleTo(userId) && memberships.isActive(m.conversationId(), userId)
                || m.senderId().equals(userId)).orElseThrow(() -> ApiException.notFound("Message"));
    }

    private String checkedContent(@Nullable String content) {
        if (content == null || content.isBlank()) {
            throw ApiException.badRequest("content", "content must not be blank");
        }
        if (content.indexOf('\u0000') >= 0) {
            throw ApiException.badRequest("content", "content must not contain NUL characters");
        }
        int length = content.codePointCount(0, content.length());
        if (length > properties.maxChars()) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "content is " + length + " characters; the limit is "
                    + properties.maxChars(), Map.of("field", "content", "max_chars", properties.maxChars()));
        }
        return content;
    }

    public int maxChars() {
        return properties.maxChars();
    }
}
