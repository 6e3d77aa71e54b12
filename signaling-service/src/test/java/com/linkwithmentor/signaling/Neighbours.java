package com.linkwithmentor.signaling;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the two services signaling asks before it rings anyone, speaking their contracts
 * (CONTRACTS.md): meeting-service's {@code GET /api/v1/sessions/{id}} (user tokens, participants
 * only, others 404) and chat-service's {@code GET /api/v1/conversations/shared} (service tokens
 * with {@code chat:read-conversations}). Tokens are read, not verified: signaling verified them.
 * Either can be taken down (503) to prove the breakers.
 */
final class Neighbours implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Session(UUID sessionId, UUID mentorId, UUID menteeId, Instant scheduledStart, Instant scheduledEnd, String status) {
    }

    private final HttpServer server;

    private final Map<UUID, Session> sessions = new ConcurrentHashMap<>();

    private final List<Map.Entry<UUID, Set<UUID>>> conversations = new CopyOnWriteArrayList<>();

    private volatile boolean meetingDown;

    private volatile boolean chatDown;

    final AtomicInteger meetingRequests = new AtomicInteger();

    final AtomicInteger chatRequests = new AtomicInteger();

    private Neighbours(HttpServer server) {
        this.server = server;
    }

    static Neighbours start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            Neighbours neighbours = new Neighbours(server);
            server.createContext("/api/v1/sessions/", neighbours::session);
            server.createContext("/api/v1/conversations/shared", neighbours::shared);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return neighbours;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A scheduled session between the two, starting now and lasting an hour. */
    UUID session(UUID mentorId, UUID menteeId) {
        return session(mentorId, menteeId, Instant.now(), "scheduled");
    }

    UUID session(UUID mentorId, UUID menteeId, Instant start, String status) {
        UUID id = UUID.randomUUID();
        sessions.put(id, new Session(id, mentorId, menteeId, start, start.plusSeconds(3600), status));
        return id;
    }

    /** A chat conversation with these members. */
    UUID conversation(UUID... members) {
        UUID id = UUID.randomUUID();
        conversations.add(Map.entry(id, Set.of(members)));
        return id;
    }

    void meetingDown(boolean down) {
        meetingDown = down;
    }

    void chatDown(boolean down) {
        chatDown = down;
    }

    private void session(HttpExchange exchange) throws IOException {
        meetingRequests.incrementAndGet();
        if (meetingDown) {
            reply(exchange, 503, Map.of("error_code", "SERVICE_UNAVAILABLE"));
            return;
        }
        JsonNode claims = claims(exchange);
        String path = exchange.getRequestURI().getPath();
        Session session;
        try {
            session = sessions.get(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
        }
        catch (IllegalArgumentException ex) {
            session = null;
        }
        String caller = claims != null ? claims.path("sub").asString() : "";
        if (session == null || !(session.mentorId().toString().equals(caller) || session.menteeId().toString().equals(caller))) {
            reply(exchange, 404, Map.of("error_code", "NOT_FOUND", "message", "Session not found"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", session.sessionId().toString());
        body.put("mentor_id", session.mentorId().toString());
        body.put("mentee_id", session.menteeId().toString());
        body.put("title", "Mentorship session");
        body.put("scheduled_start", session.scheduledStart().toString());
        body.put("scheduled_end", session.scheduledEnd().toString());
        body.put("status", session.status());
        body.put("price", Map.of("amount", "0.00", "currency", "INR"));
        reply(exchange, 200, body);
    }

    private void shared(HttpExchange exchange) throws IOException {
        chatRequests.incrementAndGet();
        if (chatDown) {
            reply(exchange, 503, Map.of("error_code", "SERVICE_UNAVAILABLE"));
            return;
        }
        JsonNode claims = claims(exchange);
        if (claims == null || !claims.path("scope").asString("").contains("chat:read-conversations")) {
            reply(exchange, 403, Map.of("error_code", "FORBIDDEN"));
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        List<UUID> users = new ArrayList<>();
        for (String pair : query != null ? query.split("&") : new String[0]) {
            if (pair.startsWith("user_ids=")) {
                for (String id : URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8).split(",")) {
                    users.add(UUID.fromString(id));
                }
            }
        }
        List<String> shared = conversations.stream().filter(c -> c.getValue().containsAll(users))
            .map(c -> c.getKey().toString()).toList();
        reply(exchange, 200, Map.of("conversation_ids", shared));
    }

    private static JsonNode claims(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = header.substring(7).split("\\.");
        return parts.length == 3 ? JSON.readTree(Base64.getUrlDecoder().decode(parts[1])) : null;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
