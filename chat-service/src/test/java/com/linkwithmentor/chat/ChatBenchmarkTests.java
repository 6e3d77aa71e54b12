package com.linkwithmentor.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.chat.ChatCluster.TestUser;

import tools.jackson.databind.JsonNode;

/**
 * Not part of the default run (tag {@code benchmark}). Holds N WebSocket connections on one
 * instance (each user in a direct conversation with another, so every connection follows a room),
 * reports how many were held and the server heap per connection, then measures message latency
 * from a sender on instance 0 to a receiver on instance 1 at a steady rate while they are held.
 * Loopback only; every phase is bounded in count and time. Run with
 * {@code ./mvnw -o -pl chat-service verify -Dgroups=benchmark -DexcludedGroups=none}; tune with
 * {@code -Dbench.connections=2000 -Dbench.rate=200 -Dbench.seconds=20 -Dbench.pairs=50}.
 */
@Tag("benchmark")
class ChatBenchmarkTests {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 2000);

    private static final int RATE = Integer.getInteger("bench.rate", 200);

    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);

    private static final int PAIRS = Integer.getInteger("bench.pairs", 50);

    @Test
    void holdsConnectionsAndDeliversAcrossInstancesAtASteadyRate() throws Exception {
        StringBuilder report = new StringBuilder();
        try (ChatCluster cluster = ChatCluster.start("chat_bench", 3, Map.of(
                "lwm.chat.moderation.url", "http://127.0.0.1:" + ChatCluster.freePort(),
                "lwm.chat.moderation.recheck-interval", "1h",
                "lwm.chat.messages.send-rate.capacity", "1000",
                "lwm.chat.messages.send-rate.per-second", "1000",
                "lwm.chat.realtime.frames-per-second", "1000",
                "lwm.chat.realtime.frame-burst", "1000",
                "logging.level.root", "WARN"))) {
            Api api = cluster.api(0);

            // Idle users in pairs, each pair sharing a direct conversation, so each connection follows a room.
            List<TestUser> idle = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                idle.add(cluster.newUser());
            }
            for (int i = 0; i + 1 < idle.size(); i += 2) {
                api.direct(idle.get(i), idle.get(i + 1).id()).expect(201);
            }
            Path tokens = Files.createTempFile("chat-bench-tokens", ".txt");
            Files.write(tokens, idle.stream().map(TestUser::token).toList());

            MeterRegistry meters = cluster.bean(0, MeterRegistry.class);
            long heapBefore = settledHeap();
            long connectStarted = System.nanoTime();
            Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx2g",
                    "-cp", System.getProperty("java.class.path"), BenchmarkConnections.class.getName(),
                    Integer.toString(cluster.port(0)), tokens.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                String opened = readLine(holder, Duration.ofMinutes(5));
                double connectSeconds = (System.nanoTime() - connectStarted) / 1e9;
                double held = meters.get("chat.connections").gauge().value();
                long heapAfter = settledHeap();
                report.append(String.format("connections requested: %d, held by instance 0: %.0f (%s), opened in %.1f s%n",
                        CONNECTIONS, held, opened, connectSeconds));
                report.append(String.format("server heap: %.1f MB before, %.1f MB after; %.1f KB per connection%n",
                        heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1024.0 / Math.max(1, held)));
                report.append(String.format("rooms subscribed on instance 0: %.0f%n", meters.get("chat.rooms").gauge().value()));

                report.append(latency(cluster));
            }
            finally {
                holder.getOutputStream().close();
                if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                    holder.destroyForcibly();
                }
                Files.deleteIfExists(tokens);
            }
        }
        System.out.println("=== chat-service benchmark ===\n" + report);
        Files.writeString(Path.of("target", "chat-benchmark.txt"), report.toString());
    }

    /** Senders on instance 0, receivers on instance 1, one message every 1/RATE s, round robin over the pairs. */
    private String latency(ChatCluster cluster) throws Exception {
        Api api = cluster.api(0);
        HttpClient http = HttpClient.newHttpClient();
        List<Long> deliveries = Collections.synchronizedList(new ArrayList<>());
        List<Long> acks = Collections.synchronizedList(new ArrayList<>());
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger received = new AtomicInteger();
        List<WebSocket> senders = new ArrayList<>();
        List<UUID> conversations = new ArrayList<>();
        List<WebSocket> receivers = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            TestUser sender = cluster.newUser();
            TestUser receiver = cluster.newUser();
            conversations.add(api.direct(sender, receiver.id()).expect(201).id("conversation_id"));
            senders.add(open(http, cluster.port(0), sender.token(), frame -> {
                if ("ack".equals(frame.path("type").asString())) {
                    long sent = Long.parseLong(frame.path("client_msg_id").asString().substring(2));
                    if (sent >= measureFrom.get()) {
                        acks.add(System.nanoTime() - sent);
                    }
                }
            }));
            receivers.add(open(http, cluster.port(1), receiver.token(), frame -> {
                if ("message".equals(frame.path("type").asString())) {
                    received.incrementAndGet();
                    long sent = Long.parseLong(frame.path("client_msg_id").asString().substring(2));
                    if (sent >= measureFrom.get()) {
                        deliveries.add(System.nanoTime() - sent);
                    }
                }
            }));
        }
        int warmupSeconds = 3;
        int total = RATE * (SECONDS + warmupSeconds);
        List<CompletableFuture<WebSocket>> lastSend = new ArrayList<>();
        senders.forEach(socket -> lastSend.add(CompletableFuture.completedFuture(socket)));
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ticker.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                done.complete(null);
                return;
            }
            if (n == RATE * warmupSeconds) {
                measureFrom.set(System.nanoTime());
            }
            int pair = n % PAIRS;
            long now = System.nanoTime();
            String text = "{\"type\":\"send\",\"conversation_id\":\"" + conversations.get(pair) + "\",\"client_msg_id\":\"b-"
                    + now + "\",\"content\":\"benchmark message " + n + "\"}";
            synchronized (lastSend) {
                lastSend.set(pair, lastSend.get(pair).thenCompose(socket -> socket.sendText(text, true)));
            }
        }, 0, 1_000_000_000L / RATE, TimeUnit.NANOSECONDS);
        done.get(SECONDS + warmupSeconds + 60, TimeUnit.SECONDS);
        ticker.shutdownNow();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (received.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        senders.forEach(WebSocket::abort);
        receivers.forEach(WebSocket::abort);
        assertThat(received.get()).as("every message delivered").isEqualTo(total);
        return String.format("latency, sender on instance 0 -> receiver on instance 1, %d msg/s over %d pairs for %d s "
                + "(+%d s warm-up), %d sent in %.1f s, %d delivered:%n  delivery p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                + "  ack (stored) p50 %.1f ms, p99 %.1f ms%n", RATE, PAIRS, SECONDS, warmupSeconds, total, elapsed,
                received.get(), percentile(deliveries, 50), percentile(deliveries, 99), percentile(deliveries, 100),
                percentile(acks, 50), percentile(acks, 99));
    }

    private static WebSocket open(HttpClient http, int port, String token, java.util.function.Consumer<JsonNode> onFrame)
            throws Exception {
        ConcurrentLinkedQueue<String> unused = new ConcurrentLinkedQueue<>();
        return http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat?access_token=" + token), new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        onFrame.accept(ChatClient.JSON.readTree(partial.toString()));
                        partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
    }

    private static double percentile(List<Long> nanos, int percentile) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String readLine(Process process, Duration timeout) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            }
            catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
        return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
