package com.linkwithmentor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for a service's JSON API, with the assertions every service's tests make on
 * its answers (above all: errors are ApiError bodies that leak nothing). Each service's tests
 * extend it with the fixtures of their own domain.
 */
public class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    protected final JsonMapper json = JsonMapper.builder().build();

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, parsed JSON body (empty object when there is none) and raw text. */
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
            assertThat(body.path("request_id").asString()).as(raw).isNotBlank();
            assertThat(raw).doesNotContain("Exception", "\tat ", "org.springframework");
            return this;
        }

        /** Asserts a 400 naming the offending field, alone or as the first of several. */
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

        public UUID id(String field) {
            return UUID.fromString(text(field));
        }

        public @Nullable String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public Reply get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    public Reply delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE());
    }

    public Reply post(String path, @Nullable Object body, @Nullable String token) {
        return send(request(path, token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    public Reply put(String path, @Nullable Object body, @Nullable String token) {
        return send(request(path, token).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    /** A form post ({@code application/x-www-form-urlencoded}), with an optional {@code Authorization} header as given. */
    public Reply postForm(String path, String form, @Nullable String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** A body as given when it is already text (malformed JSON in tests), else serialized. */
    private String text(@Nullable Object body) {
        return body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
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
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
