package com.linkwithmentor.common.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisException;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to their Redis Streams in id order, and stamps each one sent.
 *
 * <p>Only one relay per schema works at a time (a transaction-scoped advisory lock), so several
 * instances of a service never publish out of order. A row is stamped only after Redis accepted
 * it; if Redis fails mid-batch, the rows already sent are stamped and the rest wait for the next
 * round. A crash between publish and stamp publishes a row twice, which consumers absorb by
 * deduplicating on {@code event_id}.
 *
 * <p>It stops after the web server has drained (a lower phase than the server's graceful
 * shutdown), and publishes what is pending once more as it stops, so an event written by the last
 * in-flight request leaves with this instance rather than waiting for another one.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final StatefulRedisConnection<String, String> redis;

    private final EventsProperties properties;

    private final Semaphore wakeUp = new Semaphore(0);

    private volatile boolean running;

    private Thread worker;

    private long rounds;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, StatefulRedisConnection<String, String> redis,
            EventsProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.redis = redis;
        this.properties = properties;
    }

    /** Asks the relay to look now rather than at its next interval. */
    public void nudge() {
        wakeUp.release();
    }

    /** Publishes what is pending now, once; returns how many rows were published. */
    public int publishPending() {
        Integer published = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject(
                    "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.event_outbox'))", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<PendingRow> rows = jdbc.query("""
                    SELECT id, stream, envelope::text AS envelope FROM event_outbox
                    WHERE published_at IS NULL ORDER BY id LIMIT ?
                    """, (rs, n) -> new PendingRow(rs.getLong("id"), rs.getString("stream"), rs.getString("envelope")),
                    properties.relayBatchSize());
            List<Object[]> sent = new ArrayList<>();
            XAddArgs trim = XAddArgs.Builder.maxlen(properties.streamMaxLength()).approximateTrimming();
            try {
                for (PendingRow row : rows) {
                    redis.sync().xadd(row.stream(), trim, Streams.ENVELOPE_FIELD, row.envelope());
                    sent.add(new Object[] { row.id() });
                }
            }
            catch (RedisException ex) {
                log.warn("Redis refused an outbox event; {} of {} sent, the rest wait: {}", sent.size(), rows.size(),
                        ex.getMessage());
            }
            jdbc.batchUpdate("UPDATE event_outbox SET published_at = now() WHERE id = ?", sent);
            return sent.size();
        });
        return published != null ? published : 0;
    }

    private void loop() {
        while (running) {
            try {
                int published = publishPending();
                if (++rounds % 1000 == 0) {
                    purgeOld();
                }
                if (published >= properties.relayBatchSize()) {
                    continue;
                }
            }
            catch (RuntimeException ex) {
                log.warn("Outbox relay round failed; retrying: {}", ex.getMessage());
            }
            try {
                wakeUp.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Forgets published rows and processed-event marks older than the retention. */
    void purgeOld() {
        long seconds = properties.retention().toSeconds();
        jdbc.update("DELETE FROM event_outbox WHERE published_at < now() - make_interval(secs => ?)", seconds);
        jdbc.update("DELETE FROM processed_event WHERE processed_at < now() - make_interval(secs => ?)", seconds);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    /** Started before the web server, stopped after it (Boot's web server lifecycles sit at DEFAULT_PHASE - 1024/2048). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (worker != null) {
            // Woken, not interrupted: an interrupt could break a JDBC or Redis call mid-round.
            wakeUp.release();
            try {
                worker.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    /**
     * The last rounds: until nothing is pending, Redis refuses, or another instance holds the lock;
     * given up after {@code flush-timeout} (what is left waits for another instance or the next start).
     */
    private void flush() {
        Thread last = Thread.ofPlatform().name("outbox-relay-flush").daemon().start(this::flushRounds);
        try {
            if (!last.join(properties.flushTimeout())) {
                log.warn("Outbox relay's last flush took longer than {}; another instance or the next start publishes the rest",
                        properties.flushTimeout());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void flushRounds() {
        try {
            for (int round = 0; round < 100; round++) {
                if (publishPending() < properties.relayBatchSize()) {
                    return;
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Outbox relay's last flush failed; another instance or the next start publishes the rest: {}",
                    ex.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record PendingRow(long id, String stream, String envelope) {
    }
}
