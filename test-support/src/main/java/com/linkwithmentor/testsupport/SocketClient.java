package com.linkwithmentor.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client (the JDK's) for any of the fleet's JSON sockets ({@code /ws/chat},
 * {@code /ws/signaling}, {@code /ws/whiteboard}): sends frames as maps, keeps every frame received
 * in order, and lets a test wait for the next frame matching what it expects. Services' tests
 * extend it with their protocol's helpers.
 */
public class SocketClient implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One HTTP client per socket, as each browser tab or phone is its own client: with one client
     * shared by every socket of a test, a stall inside it (seen when a server closed several of its
     * sockets at once) held up the others' frames and handshakes too.
     */
    private final HttpClient http = HttpClient.newHttpClient();

    private final List<JsonNode> received = new ArrayList<>();

    private final Set<Integer> consumed = new HashSet<>();

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private volatile String closeReason = "";

    /**
     * Serialises sends. Not this object's monitor: frames arrive under that one, on the HTTP client's
     * threads, and a send waiting while holding it could stall every socket of the shared client.
     */
    private final Object sending = new Object();

    private WebSocket socket;

    protected SocketClient() {
    }

    /** The handshake's HTTP status and body when the server refused the upgrade. */
    public record Refusal(int status, String body) {
    }

    /** Opens {@code ws://127.0.0.1:port + pathAndQuery}. */
    public static SocketClient open(int port, String pathAndQuery) {
        return open(new SocketClient(), port, pathAndQuery, Map.of());
    }

    /** Opens with extra handshake headers (e.g. {@code Authorization}, {@code Origin}). */
    public static SocketClient open(int port, String pathAndQuery, Map<String, String> headers) {
        return open(new SocketClient(), port, pathAndQuery, headers);
    }

    /** Opens the socket into the given (subclass) instance, with extra handshake headers. */
    protected static <C extends SocketClient> C open(C client, int port, String pathAndQuery, Map<String, String> headers) {
        SocketClient base = client;
        WebSocket.Builder builder = base.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            base.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), base.listener())
                .get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            base.http.shutdownNow();
            throw new IllegalStateException("WebSocket did not open", ex);
        }
        return client;
    }

    /** Tries a handshake that should fail; returns the HTTP status and body of the refusal. */
    public static Refusal refused(int port, String pathAndQuery, Map<String, String> headers) {
        SocketClient probe = new SocketClient();
        WebSocket.Builder builder = probe.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), probe.listener())
                .get(10, TimeUnit.SECONDS).abort();
            throw new AssertionError("The handshake was accepted");
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof WebSocketHandshakeException refusal) {
                Object body = refusal.getResponse().body();
                return new Refusal(refusal.getResponse().statusCode(), body != null ? body.toString() : "");
            }
            throw new AssertionError("Expected a refused handshake", ex);
        }
        catch (InterruptedException | TimeoutException ex) {
            throw new AssertionError(ex);
        }
        finally {
            probe.http.shutdownNow();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode frame = JSON.readTree(partial.toString());
                    partial.setLength(0);
                    synchronized (SocketClient.this) {
                        received.add(frame);
                        SocketClient.this.notifyAll();
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason = reason;
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    public void send(Map<String, ?> frame) {
        sendRaw(JSON.writeValueAsString(frame));
    }

    public void sendRaw(String text) {
        try {
            synchronized (sending) {
                socket.sendText(text, true).get(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Could not send", ex);
        }
    }

    /** Sends a WebSocket ping (a control frame, answered by the server's WebSocket stack). */
    public void ping() {
        socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] { 1 })).join();
    }

    /** The first frame not yet taken that matches; waits up to 10 s. */
    public JsonNode await(Predicate<JsonNode> matching) {
        return await(matching, Duration.ofSeconds(10));
    }

    public synchronized JsonNode await(Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < received.size(); i++) {
                if (!consumed.contains(i) && matching.test(received.get(i))) {
                    consumed.add(i);
                    return received.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching frame within " + timeout + "; received: " + received);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    public JsonNode awaitType(String type) {
        return await(frame -> type.equals(type(frame)));
    }

    /** Waits until {@code count} frames of the type have arrived; returns all of them, in arrival order. */
    public List<JsonNode> awaitCount(String type, int count, Duration timeout) {
        Awaitility.await(count + " '" + type + "' frames").atMost(timeout).pollInterval(Duration.ofMillis(20))
            .until(() -> frames(type).size() >= count);
        return frames(type);
    }

    /** Every frame of the type received so far, taken or not. */
    public synchronized List<JsonNode> frames(String type) {
        return received.stream().filter(frame -> type.equals(type(frame))).toList();
    }

    /** Every frame received so far, in order. */
    public synchronized List<JsonNode> frames() {
        return List.copyOf(received);
    }

    /**
     * Every frame received so far that matches, taken or not. For "this never came": first await a
     * frame the server sent after the one that must not come (so delivery has run), then assert this
     * is empty; waiting for silence proves nothing.
     */
    public synchronized List<JsonNode> frames(Predicate<JsonNode> matching) {
        return received.stream().filter(matching).toList();
    }

    /** The close code the server sent (waits up to the timeout). */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new AssertionError("The server did not close the connection within " + timeout, ex);
        }
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close handshake, as a phone losing its network does. */
    public void abort() {
        socket.abort();
        http.shutdownNow();
    }

    public static String type(JsonNode frame) {
        return frame.path("type").asString("");
    }

    /** A frame as a map: {@code frame("send", "conversation_id", id, ...)}; UUIDs become strings. */
    public static Map<String, Object> frame(String type, Object... keyValues) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            frame.put((String) keyValues[i], keyValues[i + 1] instanceof UUID id ? id.toString() : keyValues[i + 1]);
        }
        return frame;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            }
            catch (InterruptedException | ExecutionException | TimeoutException | CompletionException ex) {
                socket.abort();
            }
        }
        http.shutdownNow();
    }
}
