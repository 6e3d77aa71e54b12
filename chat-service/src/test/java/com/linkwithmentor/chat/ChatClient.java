package com.linkwithmentor.chat;

import static org.assertj.core.api.Assertions.assertThat;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client (the JDK's) for {@code /ws/chat}: sends frames as maps, keeps every
 * frame received, and lets a test wait for the next frame matching what it expects.
 */
final class ChatClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> received = new ArrayList<>();

    private final Set<Integer> consumed = new HashSet<>();

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private WebSocket socket;

    private JsonNode ready;

    private ChatClient() {
    }

    /** The handshake's HTTP status when the server refused the upgrade. */
    record Refusal(int status, String body) {
    }

    static ChatClient connect(int port, String token) {
        ChatClient client = new ChatClient();
        try {
            client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat?access_token=" + token), client.listener())
                .get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("WebSocket did not open", ex);
        }
        client.ready = client.await(frame -> "ready".equals(frame.path("type").asString()));
        return client;
    }

    /** Tries a handshake that should fail; returns the HTTP status and body of the refusal. */
    static Refusal refused(int port, String query, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat" + query), new ChatClient().listener())
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
                    synchronized (ChatClient.this) {
                        received.add(frame);
                        ChatClient.this.notifyAll();
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
    }

    /** The {@code ready} frame the server opened with. */
    JsonNode ready() {
        return ready;
    }

    void send(Map<String, ?> frame) {
        sendRaw(JSON.writeValueAsString(frame));
    }

    void sendRaw(String text) {
        try {
            synchronized (this) {
                socket.sendText(text, true).get(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Could not send", ex);
        }
    }

    /** Sends a message and waits for its ack. */
    JsonNode sendMessage(UUID conversationId, String clientMsgId, String content) {
        send(Map.of("type", "send", "conversation_id", conversationId.toString(), "client_msg_id", clientMsgId,
                "content", content));
        return await(frame -> ("ack".equals(type(frame)) || "error".equals(type(frame)))
                && clientMsgId.equals(frame.path("client_msg_id").asString()));
    }

    /** The first frame not yet taken that matches; waits up to 10 s. */
    JsonNode await(Predicate<JsonNode> matching) {
        return await(matching, Duration.ofSeconds(10));
    }

    synchronized JsonNode await(Predicate<JsonNode> matching, Duration timeout) {
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

    JsonNode awaitType(String type) {
        return await(frame -> type.equals(type(frame)));
    }

    /** Waits until {@code count} frames of the type have arrived; returns all of them, in arrival order. */
    List<JsonNode> awaitCount(String type, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> frames = frames(type);
            if (frames.size() >= count) {
                return frames;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Got " + frames.size() + " of " + count + " '" + type + "' frames");
            }
            synchronized (this) {
                try {
                    wait(20);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(ex);
                }
            }
        }
    }

    /** Every frame of the type received so far, taken or not. */
    synchronized List<JsonNode> frames(String type) {
        return received.stream().filter(frame -> type.equals(type(frame))).toList();
    }

    /**
     * Fails if a frame matching arrives within the time. Callers first await a frame sent after the
     * one that must not come, so the silence means something.
     */
    void expectNone(Predicate<JsonNode> matching, Duration within) {
        org.awaitility.Awaitility.await("no unexpected frames").during(within).atMost(within.plusSeconds(1))
            .until(() -> {
                synchronized (this) {
                    return received.stream().noneMatch(matching);
                }
            });
    }

    /** The close code the server sent (waits up to the timeout). */
    int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new AssertionError("The server did not close the connection within " + timeout, ex);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close handshake, as a phone losing its network does. */
    void abort() {
        socket.abort();
    }

    static String type(JsonNode frame) {
        return frame.path("type").asString("");
    }

    static Map<String, Object> frame(String type, Object... keyValues) {
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
    }
}
