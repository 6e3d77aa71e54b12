package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

@ModerationServiceTest
class EnforcementTests {

    @LocalServerPort
    int port;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    Api api;

    TestTokens.Person admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = TestTokens.admin();
    }

    @Test
    void strikesClimbTheLadderFromWarningToMuteToSuspension() throws Exception {
        TestTokens.Person user = TestTokens.mentee();

        // A threat is critical: 3 strikes, past the warning step (2).
        assertThat(api.analyze(user, "i will kill you").body().path("sanction").path("action").asString()).isEqualTo("warn");
        assertThat(standing(user).path("status").asString()).isEqualTo("warned");
        assertThat(standing(user).path("strikes").asInt()).isEqualTo(3);

        // High-severity abuse is 2 more: 5 strikes, past the one-hour mute (4).
        JsonNode muted = api.analyze(user, "madarchod").body().path("sanction");
        assertThat(muted.path("action").asString()).isEqualTo("mute");
        assertThat(Instant.parse(muted.path("until").asString()))
            .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
        assertThat(standing(user).path("status").asString()).isEqualTo("muted");

        // 7 strikes: past the day-long mute (6), which replaces the shorter one.
        JsonNode longer = api.analyze(user, "bhenchod").body().path("sanction");
        assertThat(Instant.parse(longer.path("until").asString()))
            .isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(1, ChronoUnit.MINUTES));

        // 10 strikes: suspended.
        assertThat(api.analyze(user, "kill yourself").body().path("sanction").path("action").asString())
            .isEqualTo("suspend");
        JsonNode standing = standing(user);
        assertThat(standing.path("status").asString()).isEqualTo("suspended");
        assertThat(standing.path("strikes").asInt()).isEqualTo(10);
        assertThat(standing.path("strike_window").asString()).isEqualTo("PT720H");

        List<JsonNode> published = new ModerationStream(redis).await(user.id(), events -> events.size() >= 8);
        assertThat(ModerationStream.types(published)).containsExactly("ContentFlagged", "UserWarned", "ContentFlagged",
                "UserMuted", "ContentFlagged", "UserMuted", "ContentFlagged", "UserSuspended");
        JsonNode suspended = published.get(7).path("payload");
        assertThat(suspended.path("user_id").asString()).isEqualTo(user.id().toString());
        assertThat(suspended.path("reason").asString()).contains("strikes");
        assertThat(suspended.hasNonNull("until")).isFalse();
    }

    @Test
    void standingIsVisibleToTheUserAndAdminsOnly() {
        TestTokens.Person user = TestTokens.mentee();
        JsonNode own = api.get("/api/v1/moderation/users/" + user.id() + "/standing", user.token()).expect(200).body();
        assertThat(own.path("status").asString()).isEqualTo("good");
        assertThat(own.path("strikes").asInt()).isZero();

        api.get("/api/v1/moderation/users/" + user.id() + "/standing", TestTokens.mentee().token())
            .expectError(403, "FORBIDDEN");
        api.get("/api/v1/moderation/users/" + user.id() + "/standing", admin.token()).expect(200);
        api.get("/api/v1/moderation/users/not-a-uuid/standing", admin.token()).expectFieldError("user_id");
    }

    @Test
    void adminsSanctionAndReinstateDirectlyAndEachActionIsAudited() throws Exception {
        TestTokens.Person user = TestTokens.mentee();
        String sanctions = "/api/v1/moderation/admin/users/" + user.id() + "/sanctions";

        JsonNode mute = api.post(sanctions, Map.of("action", "mute", "reason", "cooling off", "duration_minutes", 30),
                admin.token()).expect(201).body();
        assertThat(mute.path("action_taken").asString()).isEqualTo("mute");
        assertThat(mute.path("source").asString()).isEqualTo("admin");
        api.post(sanctions, Map.of("action", "mute", "reason", "shorter", "duration_minutes", 10), admin.token())
            .expectError(409, "CONFLICT");
        api.post(sanctions, Map.of("action", "suspend", "reason", "repeated abuse"), admin.token()).expect(201);
        assertThat(standing(user).path("status").asString()).isEqualTo("suspended");

        String reinstate = "/api/v1/moderation/admin/users/" + user.id() + "/reinstate";
        JsonNode lifted = api.post(reinstate, Map.of("reason", "appeal by phone"), admin.token()).expect(200).body();
        assertThat(lifted.path("action_taken").asString()).isEqualTo("reinstate");
        assertThat(standing(user).path("status").asString()).isEqualTo("good");
        api.post(reinstate, Map.of("reason", "again"), admin.token()).expectError(409, "CONFLICT");

        List<JsonNode> published = new ModerationStream(redis).await(user.id(), events -> events.size() >= 3);
        assertThat(ModerationStream.types(published)).containsExactly("UserMuted", "UserSuspended", "UserReinstated");
        assertThat(published.get(2).path("payload").path("lifted").asString()).isEqualTo("suspended");

        JsonNode audit = api.get("/api/v1/moderation/admin/audit?target_id=" + user.id(), admin.token()).expect(200).body();
        assertThat(audit.path("items").valueStream().map(entry -> entry.path("action").asString()))
            .containsExactly("user.reinstate", "user.sanction", "user.sanction");
        assertThat(audit.path("items").get(0).path("admin_id").asString()).isEqualTo(admin.id().toString());
        assertThat(audit.path("items").get(0).path("reason").asString()).isEqualTo("appeal by phone");
    }

    @Test
    void sanctionRequestsAreValidated() {
        TestTokens.Person user = TestTokens.mentee();
        String sanctions = "/api/v1/moderation/admin/users/" + user.id() + "/sanctions";
        api.post(sanctions, Map.of("action", "ban", "reason", "x"), admin.token()).expectFieldError("action");
        api.post(sanctions, Map.of("action", "mute", "reason", "x"), admin.token()).expectFieldError("duration_minutes");
        api.post(sanctions, Map.of("action", "warn", "reason", "x", "duration_minutes", 5), admin.token())
            .expectFieldError("duration_minutes");
        api.post(sanctions, Map.of("action", "warn", "reason", " "), admin.token()).expectFieldError("reason");
        api.post(sanctions, Map.of("action", "mute", "reason", "x", "duration_minutes", 0), admin.token())
            .expectFieldError("duration_minutes");
        api.post("/api/v1/moderation/admin/users/" + admin.id() + "/sanctions", Map.of("action", "warn", "reason", "me"),
                admin.token()).expectError(403, "FORBIDDEN");
    }

    @Test
    void onlyAnActiveAdminReachesTheAdminApi() {
        TestTokens.Person user = TestTokens.mentee();
        String adminAsMentee = TestTokens.as(admin, "mentee", "mentee", "admin");
        for (String token : List.of(user.token(), adminAsMentee, TestTokens.mentor().token())) {
            api.get("/api/v1/moderation/admin/queue", token).expectError(403, "FORBIDDEN");
            api.get("/api/v1/moderation/admin/audit", token).expectError(403, "FORBIDDEN");
            api.post("/api/v1/moderation/admin/users/" + user.id() + "/sanctions",
                    Map.of("action", "warn", "reason", "x"), token).expectError(403, "FORBIDDEN");
        }
        api.get("/api/v1/moderation/admin/queue", null).expectError(401, "UNAUTHORIZED");
        api.get("/api/v1/moderation/admin/queue", "not.a.token").expectError(401, "UNAUTHORIZED");
    }

    @Test
    void eventsAreReadByTheirUserAndAdminsPageByPage() {
        TestTokens.Person user = TestTokens.mentee();
        api.analyze(user, "this shit is broken");
        api.analyze(user, "fuck this compiler");
        api.analyze(user, "holy shit it works");
        String path = "/api/v1/moderation/events/" + user.id();

        JsonNode first = api.get(path + "?limit=2", user.token()).expect(200).body();
        assertThat(first.path("items").size()).isEqualTo(2);
        JsonNode newest = first.path("items").get(0);
        assertThat(newest.path("text").asString()).isEqualTo("holy shit it works");
        assertThat(newest.path("policy_violated").get(0).asString()).isEqualTo("profanity");
        assertThat(newest.path("action_taken").asString()).isEqualTo("flag");
        assertThat(newest.path("review_status").asString()).isEqualTo("pending");
        assertThat(newest.path("timestamp").asString()).isNotBlank();
        JsonNode second = api.get(path + "?limit=2&cursor=" + first.path("next_cursor").asString(), user.token())
            .expect(200).body();
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("items").get(0).path("text").asString()).isEqualTo("this shit is broken");
        assertThat(second.hasNonNull("next_cursor")).isFalse();

        api.get(path, admin.token()).expect(200);
        api.get(path, TestTokens.mentee().token()).expectError(403, "FORBIDDEN");
        api.get(path + "/" + newest.path("event_id").asString(), user.token()).expect(200);
        api.get("/api/v1/moderation/events/" + admin.id() + "/" + newest.path("event_id").asString(), admin.token())
            .expectError(404, "NOT_FOUND");
        api.get(path + "?cursor=garbage", user.token()).expectFieldError("cursor");
        api.get(path + "?limit=0", user.token()).expectFieldError("limit");
        api.get(path + "?limit=1000", user.token()).expectFieldError("limit");
        api.get(path + "?limit=ten", user.token()).expectFieldError("limit");
    }

    private JsonNode standing(TestTokens.Person user) {
        return api.get("/api/v1/moderation/users/" + user.id() + "/standing", user.token()).expect(200).body();
    }
}
