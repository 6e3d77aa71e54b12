package com.linkwithmentor.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.linkwithmentor.testsupport.SocketHolder;

/**
 * A benchmark's senders: one socket per sending user on one instance, {@code send} frames whose
 * {@code client_msg_id} carries their send time ({@code b-<System.nanoTime()>-<n>}), sent at a
 * steady rate by {@link #run}. Counts acks (and their latency: the message is stored) and errors.
 */
final class LoadSenders implements AutoCloseable {

    private final List<WebSocket> sockets = new ArrayList<>();

    private final List<CompletableFuture<WebSocket>> chains = new ArrayList<>();

    private final AtomicLong acks = new AtomicLong();

    private final AtomicLong errors = new AtomicLong();

    private volatile long measureFrom = Long.MIN_VALUE;

    private long[] ackLatencies = new long[1 << 16];

    private int ackCount;

    LoadSenders(int socketPort, List<String> tokens) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        for (String token : tokens) {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + socketPort + "/ws/chat?access_token=" + token), listener())
                .get(60, TimeUnit.SECONDS);
            sockets.add(socket);
            chains.add(CompletableFuture.completedFuture(socket));
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
                received(text);
                webSocket.request(1);
                return null;
            }
        };
    }

    private void received(String text) {
        String type = SocketHolder.fieldOf(text, "type");
        if ("ack".equals(type)) {
            acks.incrementAndGet();
            String id = SocketHolder.fieldOf(text, "client_msg_id");
            if (id != null && id.startsWith("b-")) {
                long sent = Long.parseLong(id.substring(2, id.indexOf('-', 2)));
                if (sent >= measureFrom) {
                    record(System.nanoTime() - sent);
                }
            }
        }
        else if ("error".equals(type)) {
            if (errors.incrementAndGet() <= 5) {
                System.err.println("send refused: " + text);
            }
        }
    }

    private synchronized void record(long nanos) {
        if (ackCount == ackLatencies.length) {
            ackLatencies = Arrays.copyOf(ackLatencies, ackLatencies.length * 2);
        }
        ackLatencies[ackCount++] = nanos;
    }

    synchronized void reset(long measureFromNanos) {
        acks.set(0);
        errors.set(0);
        ackCount = 0;
        measureFrom = measureFromNanos;
    }

    long acks() {
        return acks.get();
    }

    long errors() {
        return errors.get();
    }

    synchronized double ackPercentile(int percentile) {
        long[] sorted = Arrays.copyOf(ackLatencies, ackCount);
        Arrays.sort(sorted);
        return LoadSenders.percentile(sorted, percentile);
    }

    /**
     * Sends {@code total} messages at {@code rate} per second, message {@code n} to conversation
     * {@code n % conversations.size()} from the socket {@code senderOf} names; returns the seconds it
     * took (longer than planned when the client itself could not keep up).
     */
    double run(int rate, long total, List<UUID> conversations, java.util.function.IntUnaryOperator senderOf) {
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + n * 1_000_000_000L / rate;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int conversation = (int) (n % conversations.size());
            int socket = senderOf.applyAsInt(conversation);
            String text = "{\"type\":\"send\",\"conversation_id\":\"" + conversations.get(conversation)
                    + "\",\"client_msg_id\":\"b-" + System.nanoTime() + "-" + n + "\",\"content\":\"benchmark message " + n
                    + " with a little more text, as a chat message has\"}";
            synchronized (chains) {
                chains.set(socket, chains.get(socket).thenCompose(s -> s.sendText(text, true)));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static double percentile(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    @Override
    public void close() {
        sockets.forEach(WebSocket::abort);
    }
}
