package com.linkwithmentor.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.JvmProcess;

/**
 * Not in the default run (tag {@code benchmark}; {@code ./fleet bench chat-service}). Cross-instance
 * delivery: senders on instance A, {@code bench.receivers} (10,000) connected receivers on instance
 * B (a holder process), each receiver in a direct conversation with one of
 * {@code bench.senders} senders; messages round robin over the conversations at rising rates. Per
 * rate, repeated {@code bench.repeats} times (medians reported): delivery p50/p99 from send to
 * the receiver's socket, ack (stored) p50/p99, lost (acked but never delivered) and duplicated,
 * and in the same run the raw Redis Pub/Sub hop at the same rate. PostgreSQL runs with fsync on.
 * Tune with {@code -Dbench.rates=500,1000,2000,5000 -Dbench.seconds=20 -Dbench.repeats=3}.
 */
@Tag("benchmark")
class ChatLatencyBenchmark {

    private static final String RATES = System.getProperty("bench.rates", "500,1000,2000,5000");

    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);

    private static final int WARMUP = Integer.getInteger("bench.warmup", 3);

    private static final int REPEATS = Integer.getInteger("bench.repeats", 3);

    private static final int RECEIVERS = Integer.getInteger("bench.receivers", 10_000);

    private static final int SENDERS = Integer.getInteger("bench.senders", 100);

    @Test
    void senderOnOneInstanceReceiversOnTheOtherAtRisingRates() throws Exception {
        StringBuilder report = new StringBuilder();
        try (BenchmarkFleet fleet = BenchmarkFleet.start("chat_latency", 2, Map.of(
                "lwm.chat.messages.send-rate.capacity", "100000",
                "lwm.chat.messages.send-rate.per-second", "100000",
                "lwm.realtime.frames-per-second", "100000",
                "lwm.realtime.frame-burst", "100000",
                "lwm.realtime.user-frames-per-second", "100000",
                "lwm.realtime.user-frame-burst", "100000"), System.getProperty("bench.heap", "2g"))) {
            List<UUID> senders = BenchmarkFleet.users(SENDERS);
            List<UUID> receivers = BenchmarkFleet.users(RECEIVERS);
            List<UUID> owners = new ArrayList<>();
            for (int i = 0; i < RECEIVERS; i++) {
                owners.add(senders.get(i % SENDERS));
            }
            List<UUID> conversations = fleet.directConversations(owners, receivers).stream()
                .map(BenchmarkFleet.Pair::conversationId).toList();
            StringBuilder opened = new StringBuilder();
            JvmProcess holder = fleet.holder(1, receivers, 30, true, opened);
            report.append(String.format("receivers on instance B: %s; senders on instance A: %d sockets; %d conversations;"
                    + " %d s per point after %d s warm-up, %d repeats (medians)%n", opened, SENDERS, conversations.size(),
                    SECONDS, WARMUP, REPEATS));
            List<String> tokens = senders.stream().map(fleet::token).toList();
            try (LoadSenders load = new LoadSenders(fleet.socketPort(0), tokens);
                    RedisHop hop = new RedisHop(fleet.redisUrl())) {
                report.append(String.format("%-7s %-22s %-22s %-22s %-8s %-6s %-6s %-14s %-44s %s%n", "rate",
                        "delivery p50/p99 ms", "ack p50/p99 ms", "raw Redis p50/p99 ms", "sent", "lost", "dupes",
                        "p99/raw p99", "send mean ms: checks/rate/moder./store (batch ms x n)", "load"));
                for (String rateText : RATES.split(",")) {
                    int rate = Integer.parseInt(rateText.trim());
                    List<double[]> runs = new ArrayList<>();
                    for (int repeat = 0; repeat < REPEATS; repeat++) {
                        runs.add(point(rate, fleet.restPort(0), holder, load, hop, conversations));
                    }
                    double[] median = medians(runs);
                    String row = String.format("%-7d %-22s %-22s %-22s %-8.0f %-6.0f %-6.0f %-14.1f %-44s %s%n", rate,
                            String.format("%.1f / %.1f", median[0], median[1]), String.format("%.1f / %.1f", median[2],
                                    median[3]), String.format("%.2f / %.2f", median[4], median[5]), median[6], median[7],
                            median[8], median[1] / median[5], String.format("%.1f / %.1f / %.1f / %.1f (%.1f x %.1f)",
                                    median[9], median[10], median[11], median[12], median[13], median[14]),
                            BenchmarkFleet.loadAverage());
                    report.append(row);
                    System.out.print(row);
                }
            }
        }
        System.out.println("=== chat-service latency benchmark ===\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "chat-latency-benchmark.txt"), report.toString());
    }

    /** The send path's means on instance A (its chat.send and chat.write.batch meters), in ms and messages. */
    private static Map<String, Double> meters(int restPort) {
        Map<String, Double> values = new java.util.HashMap<>();
        try {
            String text = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + restPort + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.lines().toList()) {
                if (line.startsWith("chat_send_seconds_") || line.startsWith("chat_write_batch_")) {
                    int space = line.lastIndexOf(' ');
                    values.put(line.substring(0, space).replace(",}", "}"), Double.parseDouble(line.substring(space + 1)));
                }
            }
        }
        catch (Exception ex) {
            // no breakdown then
        }
        return values;
    }

    private static double mean(Map<String, Double> before, Map<String, Double> after, String sum, String count,
            double scale) {
        double n = after.getOrDefault(count, 0.0) - before.getOrDefault(count, 0.0);
        return n == 0 ? Double.NaN : (after.getOrDefault(sum, 0.0) - before.getOrDefault(sum, 0.0)) / n * scale;
    }

    /**
     * One run at one rate: {delivery p50, p99, ack p50, p99, raw p50, p99, acked, lost, duplicated,
     * then the send's mean ms in checks, rate limit, moderation, store, a batch's ms, messages per batch}.
     */
    private static double[] point(int rate, int restPort, JvmProcess holder, LoadSenders load, RedisHop hop,
            List<UUID> conversations) {
        Map<String, Double> before = meters(restPort);
        holder.ask("RESET", "RESET", Duration.ofSeconds(10));
        long measureFrom = System.nanoTime() + Duration.ofSeconds(WARMUP).toNanos();
        holder.ask("MEASURE " + measureFrom, "MEASURE", Duration.ofSeconds(10));
        load.reset(measureFrom);
        long total = (long) rate * (SECONDS + WARMUP);
        // Conversation i belongs to sender i % SENDERS (see how the pairs are made).
        load.run(rate, total, conversations, conversation -> conversation % SENDERS);
        // Everything acked has been delivered, or it never will be.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> load.acks() + load.errors() >= total
                    && ChatConnectionsBenchmark.value(holder.ask("STATS", "STATS", Duration.ofSeconds(10)), "unique")
                        >= load.acks());
        String stats = holder.ask("STATS", "STATS", Duration.ofSeconds(10));
        long acked = load.acks();
        long unique = ChatConnectionsBenchmark.value(stats, "unique");
        Map<String, Double> after = meters(restPort);
        double[] raw = hop.measure(rate, SECONDS);
        double[] steps = new double[6];
        String[] names = { "checks", "rate_limit", "moderation", "store" };
        for (int i = 0; i < names.length; i++) {
            steps[i] = mean(before, after, "chat_send_seconds_sum{step=\"" + names[i] + "\"}",
                    "chat_send_seconds_count{step=\"" + names[i] + "\"}", 1000);
        }
        steps[4] = mean(before, after, "chat_write_batch_seconds_sum", "chat_write_batch_seconds_count", 1000);
        steps[5] = mean(before, after, "chat_write_batch_size_sum", "chat_write_batch_size_count", 1);
        return new double[] { ChatConnectionsBenchmark.decimal(stats, "p50_ms"),
                ChatConnectionsBenchmark.decimal(stats, "p99_ms"), load.ackPercentile(50), load.ackPercentile(99), raw[0],
                raw[1], acked, Math.max(0, acked - unique), ChatConnectionsBenchmark.value(stats, "duplicates"), steps[0],
                steps[1], steps[2], steps[3], steps[4], steps[5] };
    }

    private static double[] medians(List<double[]> runs) {
        double[] median = new double[runs.get(0).length];
        for (int i = 0; i < median.length; i++) {
            List<Double> values = new ArrayList<>();
            for (double[] run : runs) {
                values.add(run[i]);
            }
            Collections.sort(values);
            median[i] = values.get(values.size() / 2);
        }
        return median;
    }

    /** The raw Pub/Sub hop: one publisher, one subscriber, a chat-sized payload carrying its send time. */
    static final class RedisHop implements AutoCloseable {

        private final RedisClient client;

        private final StatefulRedisConnection<String, String> publisher;

        private final StatefulRedisPubSubConnection<String, String> subscriber;

        private long[] latencies = new long[1 << 16];

        private int count;

        RedisHop(String url) throws Exception {
            client = RedisClient.create(url);
            publisher = client.connect();
            subscriber = client.connectPubSub();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    record(System.nanoTime() - Long.parseLong(message.substring(0, message.indexOf(' '))));
                }
            });
            subscriber.async().subscribe("bench.hop").get(5, TimeUnit.SECONDS);
        }

        private synchronized void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[count++] = nanos;
        }

        /** {p50, p99} in ms of {@code rate} publishes a second for {@code seconds}. */
        double[] measure(int rate, int seconds) {
            synchronized (this) {
                count = 0;
            }
            String padding = "x".repeat(380);
            long total = (long) rate * seconds;
            long start = System.nanoTime();
            for (long n = 0; n < total; n++) {
                long due = start + n * 1_000_000_000L / rate;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                publisher.async().publish("bench.hop", System.nanoTime() + " " + padding);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (this) {
                    return count >= total;
                }
            });
            long[] sorted;
            synchronized (this) {
                sorted = Arrays.copyOf(latencies, count);
            }
            Arrays.sort(sorted);
            return new double[] { LoadSenders.percentile(sorted, 50), LoadSenders.percentile(sorted, 99) };
        }

        @Override
        public void close() {
            subscriber.close();
            publisher.close();
            client.shutdown();
        }
    }
}
