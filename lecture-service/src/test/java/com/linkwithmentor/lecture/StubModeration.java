package com.linkwithmentor.lecture;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for moderation-service's analyze endpoint in tests that are about something else
 * (the real service has its own test class, {@code PublishModerationTests}): any text containing
 * "kill" is blocked, everything else allowed.
 */
final class StubModeration implements AutoCloseable {

    private final HttpServer server;

    private final AtomicInteger analyzed = new AtomicInteger();

    private StubModeration(HttpServer server) {
        this.server = server;
    }

    static StubModeration start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StubModeration stub = new StubModeration(server);
            server.createContext("/api/v1/moderation/analyze", stub::analyze);
            server.start();
            return stub;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int analyzed() {
        return analyzed.get();
    }

    private void analyze(HttpExchange exchange) throws IOException {
        analyzed.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String answer = body.contains("kill")
                ? "{\"decision\":\"block\",\"severity\":\"high\",\"categories\":[\"harassment\"]}"
                : "{\"decision\":\"allow\",\"severity\":\"none\",\"categories\":[]}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
