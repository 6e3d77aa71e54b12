package com.linkwithmentor.common.events;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.observation.ObservationRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one stream as a member of this service's consumer group and hands each event to its
 * handler once.
 *
 * <p>Per entry: in one transaction, mark the event processed (a duplicate mark means it was
 * handled before, so skip) and run the handler; acknowledge only after that commits. An entry
 * whose consumer died before acknowledging stays pending; after {@code claim-idle} any member
 * claims it and handles it again, and the processed mark makes that harmless. An entry that keeps
 * failing goes to the stream's dead-letter stream after {@code max-deliveries} attempts. While
 * Redis is away the loop backs off and tries again.
 *
 * <p>Each handling is a consumer span continuing the trace the envelope names ({@link EventTracing}).
 * On shutdown the consumer finishes the entries it has read, acknowledges them and stops reading;
 * what it never read stays with the group for the other instances.
 */
public class StreamConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

    private final StreamSubscription subscription;

    private final String group;

    private final String consumerName;

    private final RedisClient redisClient;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final JsonMapper jsonMapper;

    private final EventsProperties properties;

    private final ObservationRegistry observations;

    private volatile boolean running;

    /** Whether the group is known to exist; cleared when Redis says it does not (stream deleted, Redis emptied). */
    private volatile boolean groupReady;

    private Thread worker;

    /** Its own connection: a blocking read would stall every other command sharing a connection. */
    private StatefulRedisConnection<String, String> redis;

    public StreamConsumer(StreamSubscription subscription, String group, String consumerName,
            RedisClient redisClient, JdbcTemplate jdbc, TransactionTemplate transactions,
            JsonMapper jsonMapper, EventsProperties properties) {
        this(subscription, group, consumerName, redisClient, jdbc, transactions, jsonMapper, properties,
                ObservationRegistry.NOOP);
    }

    public StreamConsumer(StreamSubscription subscription, String group, String consumerName,
            RedisClient redisClient, JdbcTemplate jdbc, TransactionTemplate transactions,
            JsonMapper jsonMapper, EventsProperties properties, ObservationRegistry observations) {
        this.subscription = subscription;
        this.observations = observations;
        this.group = group;
        this.consumerName = consumerName;
        this.redisClient = redisClient;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
    }

    /** One round: take over stale pending entries, then read and handle new ones. Returns entries handled. */
    public int pollOnce() {
        RedisCommands<String, String> commands = connection().sync();
        if (!groupReady) {
            ensureGroup(commands);
        }
        int handled;
        List<StreamMessage<String, String>> messages;
        try {
            handled = reclaimStale(commands);
            messages = commands.xreadgroup(Consumer.from(group, consumerName),
                    XReadArgs.Builder.block(properties.consumerBlock()).count(50),
                    XReadArgs.StreamOffset.lastConsumed(subscription.stream()));
        }
        catch (RedisCommandExecutionException ex) {
            if (ex.getMessage() != null && ex.getMessage().startsWith("NOGROUP")) {
                groupReady = false;
            }
            throw ex;
        }
        for (StreamMessage<String, String> message : messages) {
            if (handle(commands, message)) {
                handled++;
            }
        }
        return handled;
    }

    private int reclaimStale(RedisCommands<String, String> commands) {
        List<PendingMessage> pending = commands.xpending(subscription.stream(), group, Range.create("-", "+"), Limit.from(100));
        int handled = 0;
        long idleMillis = properties.claimIdle().toMillis();
        for (PendingMessage entry : pending) {
            if (entry.getMsSinceLastDelivery() < idleMillis) {
                continue;
            }
            List<StreamMessage<String, String>> claimed = commands.xclaim(subscription.stream(),
                    Consumer.from(group, consumerName), idleMillis, entry.getId());
            for (StreamMessage<String, String> message : claimed) {
                if (entry.getRedeliveryCount() >= properties.maxDeliveries()) {
                    deadLetter(commands, message, entry.getRedeliveryCount());
                }
                else if (handle(commands, message)) {
                    handled++;
                }
            }
        }
        return handled;
    }

    /** Handles and acknowledges one entry; returns false when the handler failed (entry stays pending). */
    private boolean handle(RedisCommands<String, String> commands, StreamMessage<String, String> message) {
        String json = message.getBody().get(Streams.ENVELOPE_FIELD);
        EventEnvelope event;
        try {
            event = jsonMapper.readValue(json, EventEnvelope.class);
        }
        catch (RuntimeException ex) {
            log.error("Unreadable entry {} on {}; moving it to the dead-letter stream", message.getId(),
                    subscription.stream(), ex);
            deadLetter(commands, message, 0);
            return false;
        }
        try {
            EventTracing.consuming(event, subscription.stream(), group, observations).observe(() ->
                transactions.executeWithoutResult(status -> {
                    int marked = jdbc.update("""
                            INSERT INTO processed_event (consumer_group, event_id) VALUES (?, ?)
                            ON CONFLICT DO NOTHING
                            """, group, event.eventId());
                    if (marked == 1) {
                        subscription.handler().handle(event);
                    }
                }));
        }
        catch (RuntimeException ex) {
            log.warn("Handler for {} {} failed; it will be delivered again: {}", event.type(), event.eventId(),
                    ex.toString());
            return false;
        }
        commands.xack(subscription.stream(), group, message.getId());
        return true;
    }

    private void deadLetter(RedisCommands<String, String> commands, StreamMessage<String, String> message,
            long deliveries) {
        log.error("Entry {} on {} failed {} times; moved to {}", message.getId(), subscription.stream(), deliveries,
                Streams.deadLetter(subscription.stream()));
        commands.xadd(Streams.deadLetter(subscription.stream()), message.getBody());
        commands.xack(subscription.stream(), group, message.getId());
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        if (redis == null) {
            redis = redisClient.connect();
            redis.setTimeout(properties.consumerBlock().plusSeconds(2));
        }
        return redis;
    }

    /** Creates the group once per stream, and again only after Redis reported it missing. */
    private void ensureGroup(RedisCommands<String, String> commands) {
        try {
            commands.xgroupCreate(XReadArgs.StreamOffset.from(subscription.stream(), "0"), group,
                    XGroupCreateArgs.Builder.mkstream());
        }
        catch (RedisBusyException ex) {
            // BUSYGROUP: another instance of this service created it first.
        }
        groupReady = true;
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                pollOnce();
                backoff = Duration.ofMillis(200);
            }
            catch (RedisException ex) {
                if (!running) {
                    return;
                }
                log.warn("Reading {} failed, retrying in {} ms: {}", subscription.stream(), backoff.toMillis(),
                        ex.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
            catch (RuntimeException ex) {
                log.error("Consumer of {} failed a round", subscription.stream(), ex);
                sleep(backoff);
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("events-" + subscription.stream()).daemon().start(this::loop);
    }

    /** Asks the loop to stop after the entries it has read; {@link #stop()} then waits for it. */
    void requestStop() {
        running = false;
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            try {
                current.join(properties.consumerBlock().toMillis() + 3_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (redis != null) {
                redis.close();
                redis = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    String stream() {
        return subscription.stream();
    }

    String group() {
        return group;
    }
}
