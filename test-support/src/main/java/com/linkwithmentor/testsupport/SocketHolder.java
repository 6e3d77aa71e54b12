package com.linkwithmentor.testsupport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark's WebSocket clients, run as a process of its own so the server's heap, threads and
 * open files are measured without the clients': opens one socket per token, optionally from a
 * given source address (loopback offers about 28,000 ephemeral ports per address), sends a
 * {@code ping} frame per socket every {@code --ping-seconds} (spread out) and counts the
 * {@code pong}s, and with {@code --track-messages} measures {@code message} frames: latency from
 * the send time the sender put in {@code client_msg_id} ({@code b-<System.nanoTime()>-...}; the
 * monotonic clock is one per machine), duplicates by conversation and {@code seq}.
 *
 * <p>Arguments: {@code --port P --path /ws/chat --tokens FILE [--source 127.0.0.2]
 * [--ping-seconds 30] [--track-messages]}. Prints {@code OPEN n FAILED f READY r} once all have
 * tried, then answers lines on standard input: {@code STATS} (one line of {@code key=value}),
 * {@code RESET} (the message statistics), {@code MEASURE <nanoTime>} (record latencies only of
 * messages sent from then on), {@code EXIT} (or end of input).
 */
public final class SocketHolder {

    private final List<WebSocket> sockets = new ArrayList<>();

    private final AtomicInteger open = new AtomicInteger();

    private final AtomicInteger failed = new AtomicInteger();

    private final AtomicInteger ready = new AtomicInteger();

    private final AtomicInteger closed = new AtomicInteger();

    private final AtomicLong pings = new AtomicLong();

    private final AtomicLong pongs = new AtomicLong();

    private final AtomicLong frames = new AtomicLong();

    private final AtomicLong messages = new AtomicLong();

    private final AtomicLong duplicates = new AtomicLong();

    private final Map<Integer, AtomicInteger> closeCodes = new ConcurrentHashMap<>();

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private long[] latencies = new long[1 << 16];

    private int latencyCount;

    private final boolean trackMessages;

    /** Latencies are recorded only for messages sent at or after this System.nanoTime() (after a warm-up). */
    private volatile long measureFrom = Long.MIN_VALUE;

    private SocketHolder(boolean trackMessages) {
        this.trackMessages = trackMessages;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.get("port"));
        String path = options.getOrDefault("path", "/ws/chat");
        List<String> tokens = Files.readAllLines(Path.of(options.get("tokens")));
        int pingSeconds = Integer.parseInt(options.getOrDefault("ping-seconds", "0"));
        SocketHolder holder = new SocketHolder(options.containsKey("track-messages"));
        HttpClient.Builder builder = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2));
        if (options.containsKey("source")) {
            builder.localAddress(InetAddress.getByName(options.get("source")));
        }
        HttpClient http = builder.build();
        holder.openAll(http, URI.create("ws://127.0.0.1:" + port + path + "?access_token="), tokens);
        System.out.println("OPEN " + holder.open.get() + " FAILED " + holder.failed.get() + " READY " + holder.ready.get());
        System.out.flush();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        if (pingSeconds > 0) {
            holder.heartbeats(heartbeats, pingSeconds);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("EXIT"); line = in.readLine()) {
            String command = line.trim().toUpperCase(Locale.ROOT);
            if (command.startsWith("MEASURE ")) {
                holder.measureFrom = Long.parseLong(command.substring(8).trim());
                System.out.println("MEASURE");
                System.out.flush();
                continue;
            }
            switch (command) {
                case "STATS" -> System.out.println(holder.stats());
                case "RESET" -> {
                    holder.reset();
                    System.out.println("RESET");
                }
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
        heartbeats.shutdownNow();
        holder.sockets.forEach(WebSocket::abort);
        System.exit(0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                options.put(name, hasValue ? args[++i] : "true");
            }
        }
        return options;
    }

    private void openAll(HttpClient http, URI base, List<String> tokens) throws InterruptedException {
        Semaphore inFlight = new Semaphore(128);
        for (String token : tokens) {
            inFlight.acquire();
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
                .buildAsync(URI.create(base + token), listener())
                .whenComplete((socket, error) -> {
                    if (error != null) {
                        if (failed.incrementAndGet() <= 3) {
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            System.err.println("connect failed: " + (cause instanceof java.net.http.WebSocketHandshakeException refused
                                    ? "HTTP " + refused.getResponse().statusCode() + " " + refused.getResponse().body()
                                    : cause.toString()));
                        }
                    }
                    else {
                        synchronized (sockets) {
                            sockets.add(socket);
                        }
                        open.incrementAndGet();
                    }
                    inFlight.release();
                });
        }
        inFlight.acquire(128);
        // Every socket that opened gets its ready frame in moments; wait a little for stragglers.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ready.get() + closed.get() < open.get() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private void heartbeats(ScheduledExecutorService timer, int seconds) {
        List<WebSocket> all;
        synchronized (sockets) {
            all = List.copyOf(sockets);
        }
        for (WebSocket socket : all) {
            long first = ThreadLocalRandom.current().nextLong(seconds * 1000L);
            timer.scheduleAtFixedRate(() -> {
                if (!socket.isOutputClosed()) {
                    pings.incrementAndGet();
                    socket.sendText("{\"type\":\"ping\"}", true);
                }
            }, first, seconds * 1000L, TimeUnit.MILLISECONDS);
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

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.incrementAndGet();
                closeCodes.computeIfAbsent(statusCode, code -> new AtomicInteger()).incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.incrementAndGet();
                closeCodes.computeIfAbsent(-1, code -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    private void received(String text) {
        long now = System.nanoTime();
        frames.incrementAndGet();
        String type = fieldOf(text, "type");
        if ("ready".equals(type)) {
            ready.incrementAndGet();
        }
        else if ("pong".equals(type)) {
            pongs.incrementAndGet();
        }
        else if (trackMessages && "message".equals(type)) {
            messages.incrementAndGet();
            if (!seen.add(fieldOf(text, "conversation_id") + ":" + numberOf(text, "seq"))) {
                duplicates.incrementAndGet();
            }
            String clientMsgId = fieldOf(text, "client_msg_id");
            if (clientMsgId != null && clientMsgId.startsWith("b-")) {
                int end = clientMsgId.indexOf('-', 2);
                long sent = Long.parseLong(end > 0 ? clientMsgId.substring(2, end) : clientMsgId.substring(2));
                if (sent >= measureFrom) {
                    record(now - sent);
                }
            }
        }
    }

    private synchronized void record(long nanos) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = nanos;
    }

    private synchronized void reset() {
        latencyCount = 0;
        messages.set(0);
        duplicates.set(0);
        seen.clear();
    }

    private synchronized String stats() {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "STATS open=%d closed=%d ready=%d pings=%d pongs=%d frames=%d messages=%d "
                + "unique=%d duplicates=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f closes=%s", open.get(), closed.get(),
                ready.get(), pings.get(), pongs.get(), frames.get(), messages.get(), seen.size(), duplicates.get(),
                percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), closeCodes);
    }

    private static double percentile(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** A string field's value in one JSON object, found without parsing (the frames are our own). */
    public static String fieldOf(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    /** A number field's digits in one JSON object, or empty. */
    public static String numberOf(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return "";
        }
        int start = at + key.length();
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
            end++;
        }
        return json.substring(start, end);
    }
}
