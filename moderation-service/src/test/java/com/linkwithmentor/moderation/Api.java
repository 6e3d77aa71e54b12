package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for moderation-service's API, with builders for the bodies tests send. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    private final JsonMapper json = JsonMapper.builder().build();

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Reply(int status, JsonNode body, String raw, HttpResponse<String> response) {

        public Reply expect(int expected) {
            assertThat(status).as(raw).isEqualTo(expected);
            return this;
        }

        /** Asserts an ApiError body with this status and code, and no internals leaking out. */
        public Reply expectError(int expected, String errorCode) {
            expect(expected);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(body.path("error_code").asString()).as(raw).isEqualTo(errorCode);
            assertThat(body.path("request_id").asString()).isNotBlank();
            assertThat(raw).doesNotContain("Exception", "\tat ", "org.springframework", "SQL");
            return this;
        }

        /** Asserts a 400 naming the offending field. */
        public Reply expectFieldError(String field) {
            expectError(400, "VALIDATION_ERROR");
            String named = body.path("details").path("field").asString("");
            if (named.isEmpty()) {
                named = body.path("details").path("fields").path(0).path("field").asString("");
            }
            assertThat(named).as(raw).isEqualTo(field);
            return this;
        }

        public String text(String field) {
            return body.path(field).asString();
        }
    }

    public Reply get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    public Reply post(String path, @Nullable Object body, @Nullable String token) {
        String payload = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload)));
    }

    /** An analyze request body for a chat message by {@code userId}. */
    public static Map<String, Object> message(UUID userId, String text) {
        return analysis(userId, "message", text);
    }

    public static Map<String, Object> analysis(UUID userId, String contentType, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content_id", "msg-" + UUID.randomUUID());
        body.put("content_type", contentType);
        body.put("user_id", userId.toString());
        body.put("text", text);
        return body;
    }

    public Reply analyze(TestTokens.Person author, String text) {
        return post("/api/v1/moderation/analyze", message(author.id(), text), author.token()).expect(200);
    }

    /** A report body about a message sent by {@code sender}. */
    public static Map<String, Object> reportOfMessage(String messageId, UUID sender, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target_type", "message");
        body.put("target_id", messageId);
        body.put("reported_user_id", sender.toString());
        body.put("reason", reason);
        return body;
    }

    public static Map<String, Object> decision(String decision, String reason) {
        return Map.of("decision", decision, "reason", reason);
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = contentType.contains("json") && !response.body().isBlank() ? json.readTree(response.body())
                    : json.createObjectNode();
            return new Reply(response.statusCode(), body, response.body(), response);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
