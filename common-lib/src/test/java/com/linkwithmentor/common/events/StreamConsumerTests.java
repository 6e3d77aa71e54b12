package com.linkwithmentor.common.events;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void entriesOfAConsumerThatCrashedBeforeHandlingAreReclaimedAndHandledOnce() {
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope("Paid")));
        crashedConsumerReadsEverything();
        assertThat(fixture.pending()).isEqualTo(1);

        StreamConsumer survivor = fixture.consumer("survivor", fixture.properties(Duration.ofMillis(200), 5),
                fixture.recordingHandler());
        // The entry becomes claimable once it has been idle for 200 ms.
        await().atMost(10, SECONDS).until(() -> {
            survivor.pollOnce();
            return fixture.pending() == 0;
        });

        assertThat(fixture.handledTypes()).containsExactly("Paid");
        assertThat(fixture.pending()).isZero();
        survivor.stop();
    }

    @Test
    void anEntryHandledButNotAcknowledgedBeforeACrashIsNotHandledAgain() {
        String envelope = envelope("Refunded");
        UUID eventId = fixture.json.readValue(envelope, EventEnvelope.class).eventId();
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope));
        crashedConsumerReadsEverything();
        // The crashed consumer's handler transaction had committed: the event is marked processed.
        fixture.jdbc.update("INSERT INTO processed_event (consumer_group, event_id) VALUES ('sample-group', ?)", eventId);

        StreamConsumer survivor = fixture.consumer("survivor", fixture.properties(Duration.ofMillis(200), 5),
                fixture.recordingHandler());
        await("the survivor claims and acknowledges the entry").atMost(10, SECONDS).until(() -> {
            survivor.pollOnce();
            return fixture.pending() == 0;
        });

        assertThat(fixture.handledTypes()).as("not handled a second time").isEmpty();
        survivor.stop();
    }

    @Test
    void aFailingHandlerRollsBackIsRetriedAndFinallyDeadLettered() {
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope("Poison")));
        EventHandler failing = event -> {
            fixture.recordingHandler().handle(event);
            throw new IllegalStateException("handler bug");
        };
        StreamConsumer consumer = fixture.consumer("c1", fixture.properties(Duration.ofMillis(100), 3), failing);

        String deadLetters = Streams.deadLetter(EventsFixture.STREAM);
        await().atMost(10, SECONDS).pollInterval(Duration.ofMillis(150)).until(() -> {
            consumer.pollOnce();
            return fixture.redis.sync().xlen(deadLetters) > 0;
        });

        assertThat(fixture.handledTypes()).as("each failed attempt rolled back").isEmpty();
        assertThat(fixture.pending()).isZero();
        assertThat(fixture.redis.sync().xlen(Streams.deadLetter(EventsFixture.STREAM))).isEqualTo(1);
        Long marks = fixture.jdbc.queryForObject("SELECT count(*) FROM processed_event", Long.class);
        assertThat(marks).isZero();
        consumer.stop();
    }

    @Test
    void nothingIsLostOrDuplicatedWhenRedisIsDownForAWhile() {
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
        await("nothing is handled while Redis is down").during(Duration.ofMillis(1_500)).atMost(5, SECONDS)
            .until(() -> fixture.handledTypes().size() == 2);
        fixture.redisServer.restart();

        awaitHandled(5);
        // A marker written last is handled after any duplicate of the earlier ones would have been.
        fixture.appendInTransaction(writer, "Marker");
        awaitHandled(6);
        assertThat(fixture.handledTypes()).containsExactly("E1", "E2", "E3", "E4", "E5", "Marker");
        consumer.stop();
        relay.stop();
    }

    @Test
    void theGroupIsCreatedOnceAndAgainOnlyAfterTheStreamIsDeleted() {
        StreamConsumer consumer = fixture.consumer("c1", fixture.properties(Duration.ofSeconds(30), 5),
                fixture.recordingHandler());
        long before = xgroupCalls();
        for (int round = 0; round < 4; round++) {
            consumer.pollOnce();
        }
        assertThat(xgroupCalls() - before).as("XGROUP CREATE on the first poll only").isEqualTo(1);

        fixture.redis.sync().del(EventsFixture.STREAM);
        await().atMost(10, SECONDS).ignoreExceptions().until(() -> {
            consumer.pollOnce();
            return true;
        });
        fixture.redis.sync().xadd(EventsFixture.STREAM, Map.of("envelope", envelope("AfterDelete")));
        await().atMost(10, SECONDS).until(() -> {
            consumer.pollOnce();
            return fixture.handledTypes().contains("AfterDelete");
        });
        assertThat(xgroupCalls() - before).as("created again once, after the stream went away").isEqualTo(2);
        consumer.stop();
    }

    /** How many XGROUP commands the server has executed, from INFO commandstats. */
    private long xgroupCalls() {
        for (String line : fixture.redis.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_xgroup")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    private void awaitHandled(int count) {
        await().atMost(30, SECONDS).until(() -> fixture.handledTypes().size() >= count);
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
