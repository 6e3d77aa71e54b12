package com.linkwithmentor.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for chat-service's REST API, with the fixtures tests build conversations from. */
final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    private final JsonMapper json = JsonMapper.builder().build();

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, JsonNode body, String raw, HttpResponse<String> response) {

        Reply expect(int expected) {
            assertThat(status).as(raw).isEqualTo(expected);
            return this;
        }

        /** Asserts the ApiError body with the given status and code. */
        Reply expectError(int expected, String errorCode) {
            expect(expected);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(body.path("error_code").asString()).as(raw).isEqualTo(errorCode);
            assertThat(raw).doesNotContain("Exception", "\tat ");
            return this;
        }

        String text(String field) {
            return body.path(field).asString();
        }

        UUID id(String field) {
            return UUID.fromString(text(field));
        }
    }

    Reply get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    Reply delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE());
    }

    Reply post(String path, @Nullable Object body, @Nullable String token) {
        String text = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    /** A direct conversation between the caller and another user. */
    Reply direct(ChatCluster.TestUser caller, UUID other) {
        return post("/api/v1/conversations", Map.of("type", "direct", "member_ids", List.of(other.toString())),
                caller.token());
    }

    /** A group owned by the caller, with the others as members. */
    UUID group(ChatCluster.TestUser owner, String title, ChatCluster.TestUser... members) {
        return post("/api/v1/conversations", Map.of("type", "group", "title", title, "member_ids",
                java.util.Arrays.stream(members).map(m -> m.id().toString()).toList()), owner.token())
            .expect(201).id("conversation_id");
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
