package com.linkwithmentor.common.events;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Map;

import io.lettuce.core.StreamMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox relay on real PostgreSQL and Redis. */
class OutboxRelayTests {

    final EventsFixture fixture = new EventsFixture("outbox_relay");

    final EventsProperties properties = fixture.properties(Duration.ofSeconds(30), 5);

    final OutboxRelay relay = fixture.relay(properties);

    final OutboxWriter writer = fixture.writer(relay);

    @AfterEach
    void close() {
        relay.stop();
        fixture.close();
    }

    @Test
    void committedEventsArePublishedInOrderAndMarkedSent() {
        fixture.appendInTransaction(writer, "First", "Second", "Third");

        assertThat(relay.publishPending()).isEqualTo(3);

        List<StreamMessage<String, String>> entries = fixture.redis.sync().xrange(EventsFixture.STREAM,
                io.lettuce.core.Range.create("-", "+"));
        List<String> types = entries.stream()
            .map(entry -> fixture.json.readValue(entry.getBody().get("envelope"), EventEnvelope.class).type())
            .toList();
        assertThat(types).containsExactly("First", "Second", "Third");
        EventEnvelope first = fixture.json.readValue(entries.get(0).getBody().get("envelope"), EventEnvelope.class);
        assertThat(first.producer()).isEqualTo("sample-service");
        assertThat(first.subjectId()).isEqualTo("subject-1");
        assertThat(first.payload().get("type").asString()).isEqualTo("First");
        assertThat(fixture.unpublished()).isZero();
        assertThat(relay.publishPending()).as("nothing is published twice").isZero();
    }

    @Test
    void eventsOfARolledBackChangeAreNeverPublished() {
        fixture.transactions.executeWithoutResult(status -> {
            writer.append(EventsFixture.STREAM, "Doomed", null, Map.of());
            status.setRollbackOnly();
        });

        assertThat(relay.publishPending()).isZero();
        assertThat(fixture.redis.sync().exists(EventsFixture.STREAM)).isZero();
    }

    @Test
    void writingAnEventOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> writer.append(EventsFixture.STREAM, "Loose", null, Map.of()))
            .isInstanceOf(IllegalStateException.class);
        assertThat(fixture.unpublished()).isZero();
    }

    @Test
    void eventsWaitWhileRedisIsDownAndAreAllPublishedWhenItReturns() throws Exception {
        fixture.redisServer.stop();
        fixture.appendInTransaction(writer, "DuringOutage1", "DuringOutage2");

        assertThat(relay.publishPending()).isZero();
        assertThat(fixture.unpublished()).isEqualTo(2);

        fixture.redisServer.restart();
        AtomicInteger published = new AtomicInteger();
        await().atMost(20, SECONDS).pollInterval(Duration.ofMillis(100))
            .until(() -> published.addAndGet(relay.publishPending()) >= 2);
        assertThat(published).hasValue(2);
        assertThat(fixture.redis.sync().xlen(EventsFixture.STREAM)).isEqualTo(2);
        assertThat(fixture.unpublished()).isZero();
    }

    @Test
    void theRunningRelayPublishesSoonAfterCommit() throws Exception {
        relay.start();
        fixture.appendInTransaction(writer, "Nudged");

        await().atMost(5, SECONDS).until(() -> fixture.redis.sync().xlen(EventsFixture.STREAM) == 1);
    }
}
