package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for user-service's API, with the fixtures tests build users from. */
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

        /** Asserts the ApiError body with the given status and code. */
        public Reply expectError(int expected, String errorCode) {
            expect(expected);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(body.path("error_code").asString()).as(raw).isEqualTo(errorCode);
            assertThat(raw).doesNotContain("Exception", "\tat ");
            return this;
        }

        public String text(String field) {
            return body.path(field).asString();
        }

        public @Nullable String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** A signed-in user as the tests see it. */
    public record Session(UUID userId, String username, String email, String password, String accessToken,
            String refreshToken) {
    }

    public Reply get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    public Reply delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE());
    }

    public Reply post(String path, @Nullable Object body, @Nullable String token) {
        return send(request(path, token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body))));
    }

    public Reply put(String path, Object body, @Nullable String token) {
        return send(request(path, token).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body))));
    }

    public Reply register(String username, String email, String password, String... roles) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("username", username);
        body.put("email", email);
        body.put("password", password);
        if (roles.length > 0) {
            body.put("roles", java.util.List.of(roles));
        }
        return post("/api/v1/auth/register", body, null);
    }

    public Reply login(String login, String password) {
        return post("/api/v1/auth/login", java.util.Map.of("login", login, "password", password), null);
    }

    /** Registers a fresh user with the given roles and signs in. */
    public Session newUser(String... roles) {
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "correct-horse-42";
        Reply registered = register(name, name + "@example.com", password, roles).expect(201);
        Reply login = login(name, password).expect(200);
        return new Session(UUID.fromString(registered.text("user_id")), name, name + "@example.com", password,
                login.text("access_token"), login.text("refresh_token"));
    }

    /** Signs in again with a given active role. */
    public String tokenAs(Session session, String role) {
        return post("/api/v1/auth/login", java.util.Map.of("login", session.username(), "password", session.password(),
                "active_role", role), null).expect(200).text("access_token");
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
