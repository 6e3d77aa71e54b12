package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@UserServiceTest
class RegistrationAndLoginTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    String unique() {
        return "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void registeringReturnsTheUserWithoutItsPasswordHash() {
        String name = unique();
        Api.Reply reply = api.register(name, name + "@Example.com", "a-Good-passw0rd", "mentee", "mentor").expect(201);

        assertThat(reply.header("Location")).isEqualTo("/api/v1/users/" + reply.text("user_id"));
        assertThat(reply.text("username")).isEqualTo(name);
        assertThat(reply.body().path("roles").valueStream().map(n -> n.asString())).containsExactly("mentee", "mentor");
        assertThat(reply.body().path("email_verified").asBoolean()).isFalse();
        assertThat(reply.raw()).doesNotContain("hash", "a-Good-passw0rd", "argon");
        String stored = jdbc.sql("SELECT hashed_password FROM users WHERE username = ?").param(name).query(String.class).single();
        assertThat(stored).startsWith("$argon2id$");
    }

    @Test
    void theDefaultRoleIsMentee() {
        String name = unique();
        Api.Reply reply = api.register(name, name + "@example.com", "a-Good-passw0rd").expect(201);
        assertThat(reply.body().path("roles").get(0).asString()).isEqualTo("mentee");
    }

    @Test
    void nobodyRegistersAsAdmin() {
        String name = unique();
        api.register(name, name + "@example.com", "a-Good-passw0rd", "admin").expectError(400, "VALIDATION_ERROR");
        assertThat(count(name)).isZero();
    }

    @Test
    void aDuplicateUsernameOrEmailConflictsWhateverTheCase() {
        String name = unique();
        api.register(name, name + "@example.com", "a-Good-passw0rd").expect(201);

        Api.Reply sameName = api.register(name.toUpperCase(), unique() + "@example.com", "a-Good-passw0rd")
            .expectError(409, "CONFLICT");
        assertThat(sameName.body().path("details").path("field").asString()).isEqualTo("username");
        Api.Reply sameEmail = api.register(unique(), name.toUpperCase() + "@EXAMPLE.com", "a-Good-passw0rd")
            .expectError(409, "CONFLICT");
        assertThat(sameEmail.body().path("details").path("field").asString()).isEqualTo("email");
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() {
        String name = unique();
        assertThat(api.register(name, "not-an-email", "a-Good-passw0rd").expectError(400, "VALIDATION_ERROR")
            .body().path("details").path("fields").get(0).path("field").asString()).isEqualTo("email");
        assertThat(api.register(name, name + "@example.com", "short1").expectError(400, "VALIDATION_ERROR")
            .body().path("details").path("field").asString()).isEqualTo("password");
        api.register(name, name + "@example.com", "onlyletterslong").expectError(400, "VALIDATION_ERROR");
        api.register(name, name + "@example.com", "password123").expectError(400, "VALIDATION_ERROR");
        api.register(name, name + "@example.com", name + "-secret1").expectError(400, "VALIDATION_ERROR");
        api.register("x".repeat(51), name + "@example.com", "a-Good-passw0rd").expectError(400, "VALIDATION_ERROR");
        api.register(name, "a".repeat(250) + "@example.com", "a-Good-passw0rd").expectError(400, "VALIDATION_ERROR");
        api.register(name, name + "@example.com", "p4-" + "x".repeat(200)).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/auth/register", "{\"username\": \"" + name + "\", ", null).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/auth/register", Map.of("username", name, "email", name + "@example.com", "password",
                "a-Good-passw0rd", "roles", java.util.List.of("wizard")), null).expectError(400, "VALIDATION_ERROR");
        assertThat(count(name)).isZero();
    }

    @Test
    void sqlAndScriptTextIsRejectedAsAUsernameAndStoredAsPlainTextElsewhere() {
        api.register("x'; DROP TABLE users; --", unique() + "@example.com", "a-Good-passw0rd")
            .expectError(400, "VALIDATION_ERROR");
        Api.Session user = api.newUser();
        String script = "<script>alert(1)</script>'); DELETE FROM users; --";
        api.put("/api/v1/profiles/" + user.userId(), Map.of("bio", script, "display_name", "Robert'); DROP TABLE"),
                user.accessToken()).expect(200);

        Api.Reply profile = api.get("/api/v1/profiles/" + user.userId(), user.accessToken()).expect(200);
        assertThat(profile.text("bio")).isEqualTo(script);
        assertThat(jdbc.sql("SELECT count(*) FROM users").query(Long.class).single()).isPositive();
    }

    @Test
    void oneCanSignInWithEmailOrUsername() {
        String name = unique();
        api.register(name, name + "@example.com", "a-Good-passw0rd").expect(201);

        Api.Reply byName = api.login(name, "a-Good-passw0rd").expect(200);
        assertThat(byName.text("token_type")).isEqualTo("Bearer");
        assertThat(byName.body().path("expires_in").asInt()).isEqualTo(900);
        assertThat(byName.text("access_token")).isNotBlank();
        assertThat(byName.text("refresh_token")).isNotBlank();
        assertThat(byName.body().path("user").path("username").asString()).isEqualTo(name);
        api.login(name.toUpperCase() + "@EXAMPLE.COM", "a-Good-passw0rd").expect(200);

        api.get("/api/v1/users/me", byName.text("access_token")).expect(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountLookTheSame() {
        String name = unique();
        api.register(name, name + "@example.com", "a-Good-passw0rd").expect(201);

        Api.Reply wrong = api.login(name, "not-the-password-1").expectError(401, "UNAUTHORIZED");
        Api.Reply unknown = api.login(unique(), "not-the-password-1").expectError(401, "UNAUTHORIZED");
        assertThat(wrong.text("message")).isEqualTo(unknown.text("message"));
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhileWithRetryAfter() {
        String name = unique();
        api.register(name, name + "@example.com", "a-Good-passw0rd").expect(201);
        for (int i = 0; i < 3; i++) {
            api.login(name, "wrong-password-" + i).expectError(401, "UNAUTHORIZED");
        }

        // Three free failures (test setting): now even the right password waits.
        Api.Reply locked = api.login(name, "a-Good-passw0rd").expectError(429, "RATE_LIMITED");
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive();
    }

    @Test
    void readingAnotherUserShowsOnlyThePublicPart() {
        Api.Session alice = api.newUser();
        Api.Session bob = api.newUser();

        Api.Reply seen = api.get("/api/v1/users/" + alice.userId(), bob.accessToken()).expect(200);
        assertThat(seen.text("username")).isEqualTo(alice.username());
        assertThat(seen.body().has("email")).isFalse();
        Api.Reply own = api.get("/api/v1/users/" + alice.userId(), alice.accessToken()).expect(200);
        assertThat(own.text("email")).isEqualTo(alice.email());
        api.get("/api/v1/users/" + UUID.randomUUID(), alice.accessToken()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/users/not-a-uuid", alice.accessToken()).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/users/" + alice.userId(), null).expectError(401, "UNAUTHORIZED");
    }

    private long count(String username) {
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(username) = lower(?)").param(username).query(Long.class).single();
    }
}
