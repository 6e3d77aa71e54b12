package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@UserServiceTest
class AdminAndEventsTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Autowired
    JsonMapper json;

    Api api;

    Api.Session admin;

    String adminToken;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.newUser();
        jdbc.sql("UPDATE users SET roles = '{mentee,admin}' WHERE user_id = ?").param(admin.userId()).update();
        adminToken = api.tokenAs(admin, "admin");
    }

    @Test
    void onlyAnActiveAdminMayAdminister() {
        Api.Session user = api.newUser();
        api.get("/api/v1/admin/users", user.accessToken()).expectError(403, "FORBIDDEN");
        String adminAsMentee = api.tokenAs(admin, "mentee");
        api.get("/api/v1/admin/users", adminAsMentee).expectError(403, "FORBIDDEN");
        api.post("/api/v1/admin/users/" + user.userId() + "/suspend", Map.of("reason", "x"), user.accessToken())
            .expectError(403, "FORBIDDEN");
    }

    @Test
    void adminsSearchUsersWithCursors() {
        Api.Session target = api.newUser();
        JsonNode found = api.get("/api/v1/admin/users?q=" + target.username(), adminToken).expect(200).body();
        assertThat(found.path("items").size()).isOne();
        assertThat(found.path("items").get(0).path("email").asString()).isEqualTo(target.email());

        JsonNode page = api.get("/api/v1/admin/users?limit=1", adminToken).expect(200).body();
        String next = page.path("next_cursor").asString();
        JsonNode second = api.get("/api/v1/admin/users?limit=1&cursor=" + next, adminToken).expect(200).body();
        assertThat(second.path("items").get(0).path("user_id").asString())
            .isNotEqualTo(page.path("items").get(0).path("user_id").asString());
        api.get("/api/v1/admin/users?status=frozen", adminToken).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void aSuspendedUserIsCutOffAtOnceAndCanReturnWhenReinstated() {
        Api.Session user = api.newUser();
        api.get("/api/v1/users/me", user.accessToken()).expect(200);

        Api.Reply suspended = api.post("/api/v1/admin/users/" + user.userId() + "/suspend", Map.of("reason", "spam"),
                adminToken).expect(200);
        assertThat(suspended.text("status")).isEqualTo("suspended");

        api.get("/api/v1/users/me", user.accessToken()).expectError(401, "UNAUTHORIZED");
        api.post("/api/v1/auth/refresh", Map.of("refresh_token", user.refreshToken()), null).expectError(401, "UNAUTHORIZED");
        Api.Reply login = api.login(user.username(), user.password()).expectError(403, "FORBIDDEN");
        assertThat(login.text("message")).contains("suspended");
        api.post("/api/v1/admin/users/" + user.userId() + "/suspend", Map.of("reason", "again"), adminToken)
            .expectError(409, "CONFLICT");

        api.post("/api/v1/admin/users/" + user.userId() + "/reinstate", null, adminToken).expect(200);
        api.get("/api/v1/users/me", api.login(user.username(), user.password()).expect(200).text("access_token")).expect(200);
        api.post("/api/v1/admin/users/" + admin.userId() + "/suspend", Map.of("reason", "oops"), adminToken)
            .expectError(409, "CONFLICT");
    }

    @Test
    void aSuspensionDecidedByModerationIsCarriedOutAndLiftedByIt() throws Exception {
        Api.Session user = api.newUser();
        api.get("/api/v1/users/me", user.accessToken()).expect(200);

        publishModerationEvent("UserSuspended", user.userId(), "{\"user_id\":\"" + user.userId() + "\",\"reason\":\"harassment\"}");
        awaitStatus(user, "suspended");
        api.get("/api/v1/users/me", user.accessToken()).expectError(401, "UNAUTHORIZED");
        api.login(user.username(), user.password()).expectError(403, "FORBIDDEN");

        publishModerationEvent("UserReinstated", user.userId(), "{\"user_id\":\"" + user.userId() + "\"}");
        awaitStatus(user, "active");
        api.login(user.username(), user.password()).expect(200);
    }

    @Test
    void moderationDoesNotLiftASuspensionAnAdminImposed() throws Exception {
        Api.Session user = api.newUser();
        api.post("/api/v1/admin/users/" + user.userId() + "/suspend", Map.of("reason", "fraud"), adminToken).expect(200);
        publishModerationEvent("UserReinstated", user.userId(), "{\"user_id\":\"" + user.userId() + "\"}");
        // An event published after it has been carried out, so the reinstatement was read too.
        Api.Session later = api.newUser();
        publishModerationEvent("UserSuspended", later.userId(), "{\"user_id\":\"" + later.userId()
                + "\",\"reason\":\"spam\"}");
        awaitStatus(later, "suspended");
        assertThat(status(user)).isEqualTo("suspended");
    }

    private void publishModerationEvent(String type, java.util.UUID subject, String payload) {
        String envelope = "{\"event_id\":\"" + java.util.UUID.randomUUID() + "\",\"type\":\"" + type
                + "\",\"version\":1,\"occurred_at\":\"" + java.time.Instant.now() + "\",\"producer\":\"moderation-service\","
                + "\"subject_id\":\"" + subject + "\",\"payload\":" + payload + "}";
        redis.sync().xadd("events.moderation", Map.of("envelope", envelope));
    }

    private String status(Api.Session user) {
        return jdbc.sql("SELECT status FROM users WHERE user_id = ?").param(user.userId()).query(String.class).single();
    }

    private void awaitStatus(Api.Session user, String expected) {
        await().atMost(Duration.ofSeconds(15)).until(() -> expected.equals(status(user)));
    }

    @Test
    void accountChangesArePublishedOnTheUsersStream() throws Exception {
        Api.Session user = api.newUser();
        api.post("/api/v1/users/" + user.userId() + "/roles/mentor", null, user.accessToken()).expect(200);
        api.put("/api/v1/users/" + user.userId() + "/mentor-profile", Map.of("specializations", List.of("go"),
                "hourly_rate", "10"), user.accessToken()).expect(200);
        api.delete("/api/v1/users/" + user.userId() + "/roles/mentor", user.accessToken()).expect(200);
        api.post("/api/v1/admin/users/" + user.userId() + "/suspend", Map.of("reason", "spam"), adminToken).expect(200);
        api.post("/api/v1/admin/users/" + user.userId() + "/reinstate", null, adminToken).expect(200);

        List<String> expected = List.of("UserRegistered", "RoleEnabled", "MentorProfileUpdated", "RoleDisabled",
                "UserSuspended", "UserReinstated");
        List<String> types = await().atMost(Duration.ofSeconds(10))
            .until(() -> typesFor(user.userId().toString()), published -> published.size() >= expected.size());
        assertThat(types).containsExactlyElementsOf(expected);
    }

    private List<String> typesFor(String subject) {
        List<StreamMessage<String, String>> entries = redis.sync().xrange("events.users", Range.create("-", "+"));
        return entries.stream()
            .map(entry -> json.readTree(entry.getBody().get("envelope")))
            .filter(envelope -> subject.equals(envelope.path("subject_id").asString()))
            .peek(envelope -> assertThat(envelope.path("producer").asString()).isEqualTo("user-service"))
            .map(envelope -> envelope.path("type").asString())
            .toList();
    }
}
