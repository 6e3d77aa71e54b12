package com.linkwithmentor.meeting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * user-service's mentor-profile endpoint as meeting-service calls it, over real HTTP: answers for
 * the mentors a test registered, 404 for anyone else, and 401 unless the call carries a service
 * token (sub = meeting-service, scope users:read-profiles) - which is what the fallback must send.
 */
final class FakeUserService implements AutoCloseable {

    private final HttpServer server;

    private final Map<UUID, String> profiles = new ConcurrentHashMap<>();

    private final AtomicInteger calls = new AtomicInteger();

    private volatile boolean down;

    private FakeUserService(HttpServer server) {
        this.server = server;
    }

    static FakeUserService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeUserService fake = new FakeUserService(server);
            server.createContext("/api/v1/users/", fake::serve);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A mentor user-service knows, with an hourly rate (null: none set) in a currency. */
    void mentor(UUID id, String hourlyRate, String currency, boolean accepting) {
        String rate = hourlyRate == null ? "null" : "\"" + hourlyRate + "\"";
        profiles.put(id, """
                {"user_id":"%s","username":"m-%s","display_name":null,"specializations":["java"],"hourly_rate":%s,
                 "currency":"%s","rating":"4.50","total_sessions_as_mentor":3,"is_accepting_mentees":%s,"complete":true,
                 "updated_at":"2026-01-01T00:00:00Z"}""".formatted(id, id.toString().substring(0, 8), rate, currency, accepting));
    }

    int calls() {
        return calls.get();
    }

    void down(boolean down) {
        this.down = down;
    }

    private void serve(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        if (down) {
            respond(exchange, 503, "{\"error_code\":\"SERVICE_UNAVAILABLE\"}");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!isMeetingServiceToken(authorization)) {
            respond(exchange, 401, "{\"error_code\":\"UNAUTHORIZED\"}");
            return;
        }
        String[] path = exchange.getRequestURI().getPath().split("/");
        String profile = null;
        if (path.length == 6 && path[5].equals("mentor-profile")) {
            try {
                profile = profiles.get(UUID.fromString(path[4]));
            }
            catch (IllegalArgumentException ex) {
                profile = null;
            }
        }
        if (profile == null) {
            respond(exchange, 404, "{\"error_code\":\"NOT_FOUND\",\"message\":\"Mentor profile not found\"}");
        }
        else {
            respond(exchange, 200, profile);
        }
    }

    private static boolean isMeetingServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return claims.contains("\"sub\":\"meeting-service\"") && claims.contains("users:read-profiles");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
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
