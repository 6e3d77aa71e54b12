package com.linkwithmentor.user;

import java.util.UUID;

import com.linkwithmentor.testsupport.ApiClient;

/** A real HTTP client for user-service's API, with the fixtures tests build users from. */
public final class Api extends ApiClient {

    public Api(int port) {
        super(port);
    }

    /** A signed-in user as the tests see it. */
    public record Session(UUID userId, String username, String email, String password, String accessToken,
            String refreshToken) {
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

}
