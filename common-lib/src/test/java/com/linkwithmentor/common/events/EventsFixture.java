package com.linkwithmentor.common.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.testsupport.EmbeddedRedis;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;

import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh database migrated with common-lib's outbox script, and a Redis server of the test's own
 * that it may stop and start again.
 */
final class EventsFixture implements AutoCloseable {

    static final String STREAM = "events.sample";

    final EmbeddedRedis redisServer = EmbeddedRedis.start(EmbeddedRedis.freePort());

    final RedisClient redisClient = RedisClient.create(redisServer.url());

    final StatefulRedisConnection<String, String> redis;

    final DataSource dataSource;

    final JdbcTemplate jdbc;

    final TransactionTemplate transactions;

    final JsonMapper json = JsonMapper.builder().build();

    EventsFixture(String name) {
        redisClient.setOptions(ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled())
            .build());
        redisClient.setDefaultTimeout(Duration.ofSeconds(2));
        redis = redisClient.connect();
        PostgresServer postgres = TestServers.postgres();
        dataSource = postgres.dataSource(postgres.createDatabase(name));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/outbox").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("CREATE TABLE handled (seq BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL, type TEXT NOT NULL)");
    }

    EventsProperties properties(Duration claimIdle, int maxDeliveries) {
        return new EventsProperties("sample-service", "sample-group", true, Duration.ofMillis(100), 100, 10_000,
                Duration.ofMillis(300), claimIdle, maxDeliveries, Duration.ofDays(7), Duration.ofSeconds(5));
    }

    OutboxWriter writer(OutboxRelay relay) {
        return new OutboxWriter(jdbc, json, "sample-service", relay::nudge);
    }

    OutboxRelay relay(EventsProperties properties) {
        return new OutboxRelay(jdbc, transactions, redis, properties);
    }

    StreamConsumer consumer(String name, EventsProperties properties, EventHandler handler) {
        return new StreamConsumer(new StreamSubscription(STREAM, handler), "sample-group", name, redisClient, jdbc,
                transactions, json, properties);
    }

    /** A handler that records each event in the {@code handled} table, inside the consumer's transaction. */
    EventHandler recordingHandler() {
        return event -> jdbc.update("INSERT INTO handled (event_id, type) VALUES (?, ?)", event.eventId(), event.type());
    }

    List<String> handledTypes() {
        return jdbc.queryForList("SELECT type FROM handled ORDER BY seq", String.class);
    }

    long unpublished() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Long.class);
        return count != null ? count : 0;
    }

    long pending() {
        return redis.sync().xpending(STREAM, "sample-group").getCount();
    }

    void appendInTransaction(OutboxWriter writer, String... types) {
        transactions.executeWithoutResult(status -> {
            for (String type : types) {
                writer.append(STREAM, type, "subject-1", Map.of("type", type));
            }
        });
    }

    @Override
    public void close() {
        redis.close();
        redisClient.shutdown();
        redisServer.stop();
    }
}
