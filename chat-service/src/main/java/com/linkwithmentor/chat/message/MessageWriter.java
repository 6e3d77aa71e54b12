package com.linkwithmentor.chat.message;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.chat.moderation.ModerationStatus;
import com.linkwithmentor.chat.room.RoomPublisher;
import com.linkwithmentor.common.error.ApiException;

/**
 * Stores new messages a batch at a time: sends that arrive while one batch commits are written
 * together by the next, in one transaction (one commit, so one WAL flush, for all of them), with
 * a few statements whatever the batch's size: the conversations' counters locked in id order and
 * advanced (sequence numbers in arrival order), the rows inserted in one JDBC batch, the senders'
 * read positions moved. Each send returns only once its batch has committed: an ack never comes
 * before the row is durable. After the commit the messages are published in sequence order.
 *
 * <p>A batch that fails (a {@code client_msg_id} raced in from another connection, a conversation
 * gone) is written again one message per transaction, so only the message at fault fails. A few
 * writers work at once ({@code write-threads}): while one waits for its commit the next batch is
 * written. Counters are always locked in id order, so writers never wait on each other in a cycle;
 * one connection's sends are handled one after the other, so its messages keep their order.
 *
 * <p>This is where the measured knee of one-transaction-per-message was: at a few hundred sends a
 * second the commits and their round trips, not the sockets or Redis, held the latency up.
 */
@Component
class MessageWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

    /** A message ready to be stored: checked, moderated, with its id. */
    record Draft(UUID id, UUID conversationId, UUID senderId, String clientMsgId, String content,
            ModerationStatus status, List<String> categories, boolean checked) {

        boolean sequenced() {
            return status != ModerationStatus.BLOCKED;
        }
    }

    private record Pending(Draft draft, CompletableFuture<Message> stored) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    private final JdbcClient jdbc;

    private final JdbcTemplate batch;

    private final TransactionTemplate transactions;

    private final RoomPublisher rooms;

    private final MessageProperties properties;

    private final Clock clock;

    private volatile boolean running;

    private final List<Thread> writers = new ArrayList<>();

    private final Timer batches;

    private final DistributionSummary batchSizes;

    MessageWriter(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactionManager, RoomPublisher rooms,
            MessageProperties properties, ObjectProvider<Clock> clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = new TransactionTemplate(transactionManager);
        this.rooms = rooms;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.batches = Timer.builder("chat.write.batch").description("One batch of new messages: its transaction, commit included")
            .register(meters);
        this.batchSizes = DistributionSummary.builder("chat.write.batch.size").description("New messages per batch")
            .register(meters);
    }

    /** Stores the message with the next batch and returns it once committed (with its seq, if sequenced). */
    Message store(Draft draft) {
        Pending pending = new Pending(draft, new CompletableFuture<>());
        if (!running) {
            // Not running (starting or stopping): write it alone.
            write(List.of(pending));
        }
        else {
            queue.add(pending);
        }
        try {
            return pending.stored().get(30, TimeUnit.SECONDS);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(ex.getCause());
        }
        catch (java.util.concurrent.TimeoutException ex) {
            throw new IllegalStateException("Storing the message took too long", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private void run() {
        List<Pending> next = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                next.add(first);
                queue.drainTo(next, properties.writeBatch() - 1);
                write(next);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (RuntimeException ex) {
                log.error("Writing a batch of {} messages failed", next.size(), ex);
                next.forEach(pending -> pending.stored().completeExceptionally(ex));
            }
            finally {
                next.clear();
            }
        }
        queue.drainTo(next);
        if (!next.isEmpty()) {
            write(next);
        }
    }

    private void write(List<Pending> pending) {
        try {
            long started = System.nanoTime();
            List<Message> stored = transactions.execute(status -> writeAll(pending));
            batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.record(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).stored().complete(stored.get(i));
            }
        }
        catch (DataAccessException | ApiException ex) {
            if (pending.size() == 1) {
                pending.get(0).stored().completeExceptionally(ex);
                return;
            }
            // One message spoilt the batch: each on its own, so only that one fails.
            for (Pending single : pending) {
                write(List.of(single));
            }
        }
    }

    /** Inside the transaction: sequence numbers, rows, read positions; publishing is registered for after the commit. */
    private List<Message> writeAll(List<Pending> pending) {
        Map<UUID, Integer> counts = new LinkedHashMap<>();
        for (Pending p : pending) {
            if (p.draft().sequenced()) {
                counts.merge(p.draft().conversationId(), 1, Integer::sum);
            }
        }
        Map<UUID, Long> nextSeq = takeSequences(counts);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<Message> stored = new ArrayList<>(pending.size());
        List<Object[]> rows = new ArrayList<>(pending.size());
        Map<List<UUID>, Long> readUpTo = new HashMap<>();
        for (Pending p : pending) {
            Draft draft = p.draft();
            Long seq = null;
            if (draft.sequenced()) {
                Long assigned = nextSeq.get(draft.conversationId());
                if (assigned == null) {
                    throw ApiException.notFound("Conversation");
                }
                seq = assigned;
                nextSeq.put(draft.conversationId(), assigned + 1);
                readUpTo.merge(List.of(draft.conversationId(), draft.senderId()), seq, Math::max);
            }
            stored.add(new Message(draft.id(), draft.conversationId(), seq, draft.senderId(), draft.clientMsgId(),
                    draft.content(), "text", draft.status(), draft.categories(), now, null, null));
            rows.add(new Object[] { draft.id(), draft.conversationId(), seq, draft.senderId(), draft.clientMsgId(),
                    draft.content(), draft.status().wireName(), MessageRepository.textArray(draft.categories()),
                    draft.checked() ? Timestamp.from(now) : null, Timestamp.from(now) });
        }
        batch.batchUpdate("""
                INSERT INTO messages (message_id, conversation_id, seq, sender_id, client_msg_id, content,
                                      moderation_status, moderation_categories, moderation_checked_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS text[]), ?, ?)""", rows);
        if (!readUpTo.isEmpty()) {
            List<UUID> conversations = new ArrayList<>();
            List<UUID> senders = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            readUpTo.forEach((key, seq) -> {
                conversations.add(key.get(0));
                senders.add(key.get(1));
                seqs.add(seq);
            });
            jdbc.sql("""
                    UPDATE conversation_members m SET last_read_seq = GREATEST(m.last_read_seq, v.seq)
                    FROM unnest(?, ?, ?) AS v(conversation_id, user_id, seq)
                    WHERE m.conversation_id = v.conversation_id AND m.user_id = v.user_id""")
                .params(conversations.toArray(UUID[]::new), senders.toArray(UUID[]::new), seqs.toArray(Long[]::new))
                .update();
        }
        for (Message message : stored) {
            if (message.seq() != null) {
                rooms.toRoom(message.conversationId(), MessageFrame.message(message));
            }
        }
        return stored;
    }

    /**
     * Advances each conversation's counter by its count and returns the first number taken. The
     * rows are locked in id order first, so two instances' batches never wait on each other in a
     * cycle; they stay locked until the commit, which keeps sequence order equal to commit order.
     */
    private Map<UUID, Long> takeSequences(Map<UUID, Integer> counts) {
        if (counts.isEmpty()) {
            return new HashMap<>();
        }
        UUID[] ids = counts.keySet().toArray(UUID[]::new);
        Integer[] adds = counts.values().toArray(Integer[]::new);
        jdbc.sql("SELECT conversation_id FROM conversation_sequences WHERE conversation_id = ANY(?) ORDER BY conversation_id"
                + " FOR UPDATE").param(ids).query(UUID.class).list();
        Map<UUID, Long> first = new HashMap<>();
        jdbc.sql("""
                UPDATE conversation_sequences s SET last_seq = s.last_seq + v.n, last_message_at = now()
                FROM unnest(?, ?) AS v(conversation_id, n) WHERE s.conversation_id = v.conversation_id
                RETURNING s.conversation_id, s.last_seq, v.n""")
            .params(ids, adds)
            .query((rs, row) -> first.put(rs.getObject(1, UUID.class), rs.getLong(2) - rs.getInt(3) + 1))
            .list();
        return first;
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < Math.max(1, properties.writeThreads()); i++) {
            writers.add(Thread.ofPlatform().name("chat-message-writer-" + i).daemon().start(this::run));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : writers) {
            try {
                thread.join(5000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the sockets (which stop first) have drained, so their last sends are stored. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 10;
    }
}
