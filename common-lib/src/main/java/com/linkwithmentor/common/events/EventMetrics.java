package com.linkwithmentor.common.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.lettuce.core.Range;
import io.lettuce.core.Limit;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event plumbing's health as gauges worth alerting on:
 * <ul>
 * <li>{@code lwm.outbox.pending} — outbox rows not yet published, and {@code lwm.outbox.oldest.age}
 * (seconds) — how long the oldest of them has waited: a relay that is stuck or a Redis that refuses
 * shows here first;</li>
 * <li>{@code lwm.events.consumer.pending} — entries this service's group has read but not
 * acknowledged, per stream, and {@code lwm.events.consumer.lag} — entries on the stream the group
 * has not read yet (Redis 7 reports it; older servers are counted, up to 1,000).</li>
 * </ul>
 * Values are read at most every {@code refresh} however often the registry asks, so a scrape costs
 * one small query and one Redis call per stream.
 */
class EventMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(EventMetrics.class);

    private static final long LAG_COUNT_LIMIT = 1_000;

    private final @Nullable JdbcTemplate jdbc;

    private final StatefulRedisConnection<String, String> redis;

    private final List<StreamConsumer> consumers;

    private final Duration refresh;

    private final Clock clock = Clock.systemUTC();

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    EventMetrics(@Nullable JdbcTemplate jdbc, StatefulRedisConnection<String, String> redis, List<StreamConsumer> consumers,
            Duration refresh) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.consumers = consumers;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (jdbc != null) {
            Gauge.builder("lwm.outbox.pending", () -> outbox()[0])
                .description("Outbox rows written but not yet published to their stream").baseUnit("rows").register(registry);
            Gauge.builder("lwm.outbox.oldest.age", () -> outbox()[1])
                .description("Age of the oldest unpublished outbox row (0 when none)").baseUnit("seconds").register(registry);
        }
        for (StreamConsumer consumer : consumers) {
            Gauge.builder("lwm.events.consumer.pending", () -> group(consumer)[0])
                .description("Entries the group has read and not yet acknowledged")
                .tag("stream", consumer.stream()).tag("group", consumer.group()).baseUnit("entries").register(registry);
            Gauge.builder("lwm.events.consumer.lag", () -> group(consumer)[1])
                .description("Entries on the stream the group has not read yet")
                .tag("stream", consumer.stream()).tag("group", consumer.group()).baseUnit("entries").register(registry);
        }
    }

    private double[] outbox() {
        return cached("outbox", () -> {
            Map<String, Object> row = jdbc.queryForMap("""
                    SELECT count(*) AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS age
                    FROM event_outbox WHERE published_at IS NULL
                    """);
            return new double[] { ((Number) row.get("pending")).doubleValue(), ((Number) row.get("age")).doubleValue() };
        });
    }

    private double[] group(StreamConsumer consumer) {
        return cached("group:" + consumer.stream(), () -> {
            double pending = 0;
            double lag = 0;
            String lastDelivered = null;
            boolean lagReported = false;
            for (Object group : redis.sync().xinfoGroups(consumer.stream())) {
                Map<String, Object> info = pairs(group);
                if (!consumer.group().equals(info.get("name"))) {
                    continue;
                }
                pending = number(info.get("pending"));
                lastDelivered = info.get("last-delivered-id") instanceof String id ? id : null;
                if (info.get("lag") instanceof Number value) {
                    lag = value.doubleValue();
                    lagReported = true;
                }
            }
            if (!lagReported && lastDelivered != null) {
                List<StreamMessage<String, String>> unread = redis.sync().xrange(consumer.stream(),
                        Range.from(Range.Boundary.excluding(lastDelivered), Range.Boundary.unbounded()), Limit.from(LAG_COUNT_LIMIT));
                lag = unread.size();
            }
            return new double[] { pending, lag };
        });
    }

    private double[] cached(String key, Supplier<double[]> read) {
        Instant now = clock.instant();
        Cached known = cache.get(key);
        if (known != null && known.at().plus(refresh).isAfter(now)) {
            return known.values();
        }
        double[] values;
        try {
            values = read.get();
        }
        catch (RuntimeException ex) {
            log.debug("Could not read event metrics ({}): {}", key, ex.toString());
            values = new double[] { Double.NaN, Double.NaN };
        }
        cache.put(key, new Cached(now, values));
        return values;
    }

    private static Map<String, Object> pairs(Object group) {
        Map<String, Object> info = new HashMap<>();
        if (group instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                info.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return info;
    }

    private static double number(@Nullable Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private record Cached(Instant at, double[] values) {
    }
}
