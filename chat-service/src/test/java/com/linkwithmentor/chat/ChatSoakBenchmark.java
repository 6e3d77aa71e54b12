package com.linkwithmentor.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.SocketHolder;

/**
 * Not in the default run (tag {@code benchmark}; {@code ./fleet bench chat-service}). A soak: two
 * instances, messages at a steady rate while readers churn (every couple of seconds some
 * disconnect, reconnect to either instance and {@code resume}), the instances' heap after a full
 * GC sampled every minute. At the end every reader must hold every message of its conversation
 * exactly once. The issue asks 30 minutes ({@code -Dbench.soak.minutes=30}, the default); shorter
 * runs take e.g. {@code -Dbench.soak.minutes=5}. Also {@code -Dbench.soak.rate=200
 * -Dbench.soak.readers=1000}.
 */
@Tag("benchmark")
class ChatSoakBenchmark {

    private static final double MINUTES = Double.parseDouble(System.getProperty("bench.soak.minutes", "30"));

    private static final int RATE = Integer.getInteger("bench.soak.rate", 200);

    private static final int READERS = Integer.getInteger("bench.soak.readers", 1000);

    private static final int SENDERS = Integer.getInteger("bench.soak.senders", 20);

    private static final double CHURN = Double.parseDouble(System.getProperty("bench.soak.churn", "0.02"));

    @Test
    void steadyTrafficWithChurningReadersLosesNothingAndKeepsTheHeapFlat() throws Exception {
        StringBuilder report = new StringBuilder();
        try (BenchmarkFleet fleet = BenchmarkFleet.start("chat_soak", 2, Map.of(
                "lwm.chat.messages.send-rate.capacity", "100000", "lwm.chat.messages.send-rate.per-second", "100000",
                "lwm.realtime.frames-per-second", "100000", "lwm.realtime.frame-burst", "100000",
                "lwm.realtime.user-frames-per-second", "100000", "lwm.realtime.user-frame-burst", "100000"), "1g")) {
            List<UUID> senders = BenchmarkFleet.users(SENDERS);
            List<UUID> readerIds = BenchmarkFleet.users(READERS);
            List<UUID> owners = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                owners.add(senders.get(i % SENDERS));
            }
            List<BenchmarkFleet.Pair> pairs = fleet.directConversations(owners, readerIds);
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
            List<Reader> readers = new ArrayList<>();
            for (BenchmarkFleet.Pair pair : pairs) {
                Reader reader = new Reader(http, fleet, pair.second(), pair.conversationId());
                reader.connect(readers.size() % 2);
                readers.add(reader);
            }
            List<UUID> conversations = pairs.stream().map(BenchmarkFleet.Pair::conversationId).toList();
            List<String> senderTokens = senders.stream().map(fleet::token).toList();
            long totalMessages = (long) (RATE * MINUTES * 60);
            List<String> heap = new ArrayList<>();
            AtomicLong reconnects = new AtomicLong();
            var churn = Executors.newSingleThreadScheduledExecutor();
            var sampler = Executors.newSingleThreadScheduledExecutor();
            long started = System.nanoTime();
            report.append(String.format("%.1f min at %d msg/s (%d messages), %d readers churning %.0f%% every 2 s across 2"
                    + " instances, %d senders on instance A; load at start: %s%n", MINUTES, RATE, totalMessages, READERS,
                    CHURN * 100, SENDERS, BenchmarkFleet.loadAverage()));
            try (LoadSenders load = new LoadSenders(fleet.socketPort(0), senderTokens)) {
                load.reset(System.nanoTime());
                churn.scheduleAtFixedRate(() -> {
                    for (Reader reader : readers) {
                        if (ThreadLocalRandom.current().nextDouble() < CHURN) {
                            reader.reconnect(ThreadLocalRandom.current().nextInt(2));
                            reconnects.incrementAndGet();
                        }
                    }
                }, 2, 2, TimeUnit.SECONDS);
                sampler.scheduleAtFixedRate(() -> heap.add(String.format("%4.1f min: A %.0f MB, B %.0f MB",
                        (System.nanoTime() - started) / 6e10, fleet.instance(0).heapAfterGc() / 1e6,
                        fleet.instance(1).heapAfterGc() / 1e6)), 0, 1, TimeUnit.MINUTES);
                load.run(RATE, totalMessages, conversations, conversation -> conversation % SENDERS);
                churn.shutdownNow();
                churn.awaitTermination(10, TimeUnit.SECONDS);
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> load.acks() + load.errors() >= totalMessages);
                sampler.shutdownNow();
                sampler.awaitTermination(60, TimeUnit.SECONDS);
                heap.add(String.format("end:     A %.0f MB, B %.0f MB", fleet.instance(0).heapAfterGc() / 1e6,
                        fleet.instance(1).heapAfterGc() / 1e6));

                // Every reader catches up (once more, to be sure) and must hold its conversation's every message once.
                Map<UUID, Long> newest = fleet.jdbc().sql("SELECT conversation_id, last_seq FROM conversation_sequences")
                    .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                readers.forEach(reader -> reader.reconnect(0));
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> readers.stream().allMatch(r -> r.contiguous() >= newest.get(r.conversation)));
                long expected = readers.stream().mapToLong(r -> newest.get(r.conversation)).sum();
                long held = readers.stream().mapToLong(Reader::unique).sum();
                long duplicates = readers.stream().mapToLong(r -> r.duplicates.get()).sum();
                report.append(String.format("sent %d, acked %d, refused %d in %.1f min; reconnects with resume: %d%n",
                        totalMessages, load.acks(), load.errors(), (System.nanoTime() - started) / 6e10, reconnects.get()));
                report.append(String.format("stored %d, held by readers %d, lost %d, duplicated %d; ack p50 %.1f ms, p99 %.1f ms%n",
                        expected, held, expected - held, duplicates, load.ackPercentile(50), load.ackPercentile(99)));
                report.append("heap after GC, each minute:\n  ").append(String.join("\n  ", heap)).append('\n');
                assertThat(held).isEqualTo(expected);
                assertThat(duplicates).isZero();
            }
            finally {
                churn.shutdownNow();
                sampler.shutdownNow();
                readers.forEach(Reader::close);
            }
        }
        System.out.println("=== chat-service soak ===\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "chat-soak-benchmark.txt"), report.toString());
    }

    /**
     * One reader of one direct conversation as a good client is: it keeps the set of {@code seq}s it
     * has, and after every reconnect resumes from the last one it has without a gap. A message
     * delivered twice on one connection counts as duplicated (across a reconnect the client's set
     * absorbs what both connections carried).
     */
    private static final class Reader {

        final UUID conversation;

        private final HttpClient http;

        private final BenchmarkFleet fleet;

        private final String token;

        private final BitSet seqs = new BitSet();

        /** What the current connection delivered: a repeat within one connection is the server's fault. */
        private BitSet thisConnection = new BitSet();

        final AtomicLong duplicates = new AtomicLong();

        private volatile WebSocket socket;

        private CompletableFuture<WebSocket> chain = CompletableFuture.completedFuture(null);

        Reader(HttpClient http, BenchmarkFleet fleet, UUID user, UUID conversation) {
            this.http = http;
            this.fleet = fleet;
            this.conversation = conversation;
            this.token = fleet.token(user);
        }

        synchronized long contiguous() {
            return seqs.nextClearBit(1) - 1;
        }

        synchronized long unique() {
            return seqs.cardinality();
        }

        void connect(int instance) {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + fleet.socketPort(instance) + "/ws/chat?access_token=" + token),
                        listener())
                .orTimeout(60, TimeUnit.SECONDS).join();
            synchronized (this) {
                thisConnection = new BitSet();
                chain = CompletableFuture.completedFuture(socket);
            }
        }

        synchronized void reconnect(int instance) {
            WebSocket old = socket;
            if (old != null) {
                old.abort();
            }
            try {
                connect(instance);
            }
            catch (RuntimeException ex) {
                // the churn tries again later
            }
        }

        private void resume() {
            String frame = "{\"type\":\"resume\",\"conversation_id\":\"" + conversation + "\",\"last_seq\":" + contiguous()
                    + "}";
            synchronized (this) {
                chain = chain.thenCompose(s -> s.sendText(frame, true));
            }
        }

        private WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                private StringBuilder partial;

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    if (!last || partial != null) {
                        if (partial == null) {
                            partial = new StringBuilder();
                        }
                        partial.append(data);
                        if (!last) {
                            webSocket.request(1);
                            return null;
                        }
                    }
                    String text = partial != null ? partial.toString() : data.toString();
                    partial = null;
                    String type = SocketHolder.fieldOf(text, "type");
                    if ("ready".equals(type)) {
                        resume();
                    }
                    else if ("message".equals(type)) {
                        int seq = Integer.parseInt(SocketHolder.numberOf(text, "seq"));
                        synchronized (Reader.this) {
                            if (thisConnection.get(seq)) {
                                duplicates.incrementAndGet();
                            }
                            thisConnection.set(seq);
                            seqs.set(seq);
                        }
                    }
                    webSocket.request(1);
                    return null;
                }
            };
        }

        void close() {
            WebSocket current = socket;
            if (current != null) {
                current.abort();
            }
        }
    }
}
