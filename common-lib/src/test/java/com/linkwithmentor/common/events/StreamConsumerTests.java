package com.linkwithmentor.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.Consumer;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer-group reader on real PostgreSQL and Redis: once-only handling through crashes and outages. */
class StreamConsumerTests {

    final EventsFixture fixture = new EventsFixture("stream_consumer");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anEventPublishedTwiceIsHandledOnce() {
        // A relay that crashed between XADD and stamping the row publishes the same event again.
        String envelope = envelope("Booked");
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope));
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope));
        StreamConsumer consumer = fixture.consumer("c1", fixture.properties(Duration.ofSeconds(30), 5),
                fixture.recordingHandler());

        consumer.pollOnce();

        assertThat(fixture.handledTypes()).containsExactly("Booked");
        assertThat(fixture.pending()).as("both entries acknowledged").isZero();
        consumer.stop();
    }

    @Test
    void entriesOfAConsumerThatCrashedBeforeHandlingAreReclaimedAndHandledOnce() throws Exception {
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope("Paid")));
        crashedConsumerReadsEverything();
        assertThat(fixture.pending()).isEqualTo(1);

        StreamConsumer survivor = fixture.consumer("survivor", fixture.properties(Duration.ofMillis(200), 5),
                fixture.recordingHandler());
        Thread.sleep(300);
        survivor.pollOnce();
        survivor.pollOnce();

        assertThat(fixture.handledTypes()).containsExactly("Paid");
        assertThat(fixture.pending()).isZero();
        survivor.stop();
    }

    @Test
    void anEntryHandledButNotAcknowledgedBeforeACrashIsNotHandledAgain() throws Exception {
        String envelope = envelope("Refunded");
        UUID eventId = fixture.json.readValue(envelope, EventEnvelope.class).eventId();
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope));
        crashedConsumerReadsEverything();
        // The crashed consumer's handler transaction had committed: the event is marked processed.
        fixture.jdbc.update("INSERT INTO processed_event (consumer_group, event_id) VALUES ('sample-group', ?)", eventId);

        StreamConsumer survivor = fixture.consumer("survivor", fixture.properties(Duration.ofMillis(200), 5),
                fixture.recordingHandler());
        Thread.sleep(300);
        survivor.pollOnce();

        assertThat(fixture.handledTypes()).as("not handled a second time").isEmpty();
        assertThat(fixture.pending()).as("but acknowledged now").isZero();
        survivor.stop();
    }

    @Test
    void aFailingHandlerRollsBackIsRetriedAndFinallyDeadLettered() throws Exception {
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope("Poison")));
        EventHandler failing = event -> {
            fixture.recordingHandler().handle(event);
            throw new IllegalStateException("handler bug");
        };
        StreamConsumer consumer = fixture.consumer("c1", fixture.properties(Duration.ofMillis(100), 3), failing);

        String deadLetters = Streams.deadLetter(EventsFixture.STREAM);
        for (int round = 0; round < 20 && fixture.redis.sync().xlen(deadLetters) == 0; round++) {
            consumer.pollOnce();
            Thread.sleep(150);
        }

        assertThat(fixture.handledTypes()).as("each failed attempt rolled back").isEmpty();
        assertThat(fixture.pending()).isZero();
        assertThat(fixture.redis.sync().xlen(Streams.deadLetter(EventsFixture.STREAM))).isEqualTo(1);
        Long marks = fixture.jdbc.queryForObject("SELECT count(*) FROM processed_event", Long.class);
        assertThat(marks).isZero();
        consumer.stop();
    }

    @Test
    void nothingIsLostOrDuplicatedWhenRedisIsDownForAWhile() throws Exception {
        EventsProperties properties = fixture.properties(Duration.ofSeconds(1), 5);
        OutboxRelay relay = fixture.relay(properties);
        OutboxWriter writer = fixture.writer(relay);
        StreamConsumer consumer = fixture.consumer("c1", properties, fixture.recordingHandler());
        relay.start();
        consumer.start();
        fixture.appendInTransaction(writer, "E1", "E2");
        awaitHandled(2);

        fixture.redisServer.stop();
        fixture.appendInTransaction(writer, "E3");
        fixture.appendInTransaction(writer, "E4", "E5");
        Thread.sleep(1_500);
        fixture.redisServer.restart();

        awaitHandled(5);
        Thread.sleep(500);
        assertThat(fixture.handledTypes()).containsExactly("E1", "E2", "E3", "E4", "E5");
        consumer.stop();
        relay.stop();
    }

    private void awaitHandled(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fixture.handledTypes().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fixture.handledTypes()).hasSize(count);
    }

    /** A member of the group reads the entries and dies without acknowledging them. */
    private void crashedConsumerReadsEverything() {
        fixture.redis.sync().xgroupCreate(XReadArgs.StreamOffset.from(EventsFixture.STREAM, "0"), "sample-group",
                XGroupCreateArgs.Builder.mkstream());
        List<?> read = fixture.redis.sync().xreadgroup(Consumer.from("sample-group", "crashed"),
                XReadArgs.StreamOffset.lastConsumed(EventsFixture.STREAM));
        assertThat(read).isNotEmpty();
    }

    private String envelope(String type) {
        return fixture.json.writeValueAsString(new EventEnvelope(UUID.randomUUID(), type, 1, Instant.now(), "test", "s1",
                fixture.json.valueToTree(Map.of("type", type))));
    }
}
