package com.linkwithmentor.payment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the services payment-service asks synchronously: meeting-service's session,
 * lecture-service's enrollment and user-service's payout method, answering what a test put in it
 * (404 otherwise) and remembering the Authorization headers it was called with.
 */
final class OwnerStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;

    private final Map<String, Object> answers = new ConcurrentHashMap<>();

    final List<String> authorizations = new CopyOnWriteArrayList<>();

    private OwnerStub(HttpServer server) {
        this.server = server;
    }

    static OwnerStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OwnerStub stub = new OwnerStub(server);
            server.createContext("/", stub::serve);
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

    void session(UUID sessionId, UUID mentorId, UUID menteeId, String amount, String status) {
        answers.put("/api/v1/sessions/" + sessionId, Map.of("session_id", sessionId.toString(), "mentor_id", mentorId.toString(),
                "mentee_id", menteeId.toString(), "status", status, "price", Map.of("amount", amount, "currency", "INR")));
    }

    void enrollment(UUID courseId, UUID enrollmentId, UUID mentorId, UUID menteeId, String amount) {
        answers.put("/api/v1/courses/" + courseId + "/enrollments/" + enrollmentId, Map.of("enrollment_id", enrollmentId.toString(),
                "course_id", courseId.toString(), "mentor_id", mentorId.toString(), "mentee_id", menteeId.toString(),
                "status", "pending_payment", "price", Map.of("amount", amount, "currency", "INR")));
    }

    void payoutMethod(UUID userId, String vpa) {
        answers.put("/api/v1/users/" + userId + "/payment-methods/payout-method", Map.of("payment_method_id",
                UUID.randomUUID().toString(), "user_id", userId.toString(), "label", "Primary UPI", "provider", "upi",
                "vpa_address", vpa, "is_primary", true, "is_active", true));
    }

    private void serve(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth != null ? auth : "");
        Object answer = answers.get(exchange.getRequestURI().getPath());
        byte[] body = (answer != null ? JSON.writeValueAsString(answer)
                : "{\"error_code\":\"NOT_FOUND\",\"message\":\"not found\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer != null ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
