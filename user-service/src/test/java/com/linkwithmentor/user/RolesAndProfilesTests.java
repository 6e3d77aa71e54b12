package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@UserServiceTest
class RolesAndProfilesTests {

    @LocalServerPort
    int port;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static Map<String, Object> mentorProfile(String rate, String... specializations) {
        return Map.of("headline", "I teach things", "specializations", List.of(specializations), "hourly_rate", rate,
                "years_of_experience", 7, "certifications", List.of("AWS SA"), "is_accepting_mentees", true,
                "availability", Map.of("mon", List.of("18:00-20:00")));
    }

    @Test
    void enablingMentorCreatesAnEmptyProfileToComplete() {
        Api.Session user = api.newUser();
        Api.Reply enabled = api.post("/api/v1/users/" + user.userId() + "/roles/mentor", null, user.accessToken()).expect(200);
        assertThat(enabled.body().path("roles").toString()).contains("mentor", "mentee");

        Api.Reply profile = api.get("/api/v1/users/" + user.userId() + "/mentor-profile", user.accessToken()).expect(200);
        assertThat(profile.body().path("complete").asBoolean()).isFalse();
        assertThat(profile.body().path("specializations").size()).isZero();
        assertThat(profile.text("rating")).isEqualTo("0.00");
    }

    @Test
    void disablingARoleNotHeldOrTheLastRoleIsAClearConflict() {
        Api.Session user = api.newUser();
        String base = "/api/v1/users/" + user.userId() + "/roles/";
        Api.Reply notHeld = api.delete(base + "mentor", user.accessToken()).expectError(409, "CONFLICT");
        assertThat(notHeld.text("message")).contains("do not hold");
        Api.Reply last = api.delete(base + "mentee", user.accessToken()).expectError(409, "CONFLICT");
        assertThat(last.text("message")).contains("last role");
        api.delete(base + "wizard", user.accessToken()).expectError(400, "VALIDATION_ERROR");

        api.post(base + "mentor", null, user.accessToken()).expect(200);
        Api.Reply dropped = api.delete(base + "mentee", user.accessToken()).expect(200);
        assertThat(dropped.body().path("roles").toString()).isEqualTo("[\"mentor\"]");
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesRolesAndProfiles() {
        Api.Session owner = api.newUser("mentor");
        Api.Session other = api.newUser();
        String id = owner.userId().toString();
        api.post("/api/v1/users/" + id + "/roles/mentee", null, other.accessToken()).expectError(403, "FORBIDDEN");
        api.put("/api/v1/users/" + id + "/mentor-profile", mentorProfile("500.00", "java"), other.accessToken())
            .expectError(403, "FORBIDDEN");
        api.put("/api/v1/profiles/" + id, Map.of("bio", "hijacked"), other.accessToken()).expectError(403, "FORBIDDEN");
        api.get("/api/v1/users/" + other.userId() + "/mentee-profile", owner.accessToken()).expectError(403, "FORBIDDEN");
    }

    @Test
    void aMentorProfileIsWrittenByItsOwnerAndReadByAnySignedInUser() {
        Api.Session mentor = api.newUser("mentor");
        Api.Session reader = api.newUser();
        String path = "/api/v1/users/" + mentor.userId() + "/mentor-profile";

        Api.Reply written = api.put(path, mentorProfile("1250.50", "Java", "System Design"), mentor.accessToken()).expect(200);
        assertThat(written.text("hourly_rate")).isEqualTo("1250.50");
        assertThat(written.text("currency")).isEqualTo("INR");

        Api.Reply read = api.get(path, reader.accessToken()).expect(200);
        assertThat(read.body().path("specializations").toString()).isEqualTo("[\"Java\",\"System Design\"]");
        assertThat(read.body().path("complete").asBoolean()).isTrue();
        assertThat(read.body().path("availability").path("mon").get(0).asString()).isEqualTo("18:00-20:00");
    }

    @Test
    void invalidMentorProfilesAreRejectedAndChangeNothing() {
        Api.Session mentor = api.newUser("mentor");
        String path = "/api/v1/users/" + mentor.userId() + "/mentor-profile";
        api.put(path, mentorProfile("-5", "java"), mentor.accessToken()).expectError(400, "VALIDATION_ERROR");
        api.put(path, mentorProfile("10.123", "java"), mentor.accessToken()).expectError(400, "VALIDATION_ERROR");
        api.put(path, Map.of("specializations", List.of(), "hourly_rate", "10"), mentor.accessToken())
            .expectError(400, "VALIDATION_ERROR");
        api.put(path, Map.of("specializations", List.of("x".repeat(51)), "hourly_rate", "10"), mentor.accessToken())
            .expectError(400, "VALIDATION_ERROR");
        api.put(path, "{\"hourly_rate\": }", mentor.accessToken()).expectError(400, "VALIDATION_ERROR");
        assertThat(api.get(path, mentor.accessToken()).body().path("complete").asBoolean()).isFalse();

        Api.Session mentee = api.newUser();
        api.put("/api/v1/users/" + mentee.userId() + "/mentor-profile", mentorProfile("10", "java"), mentee.accessToken())
            .expectError(409, "CONFLICT");
    }

    @Test
    void profileReadsAreCachedInRedisAndDroppedOnWrite() {
        Api.Session mentor = api.newUser("mentor");
        String path = "/api/v1/users/" + mentor.userId() + "/mentor-profile";
        String key = "mentor_profile_cache:" + mentor.userId();
        api.put(path, mentorProfile("100.00", "go"), mentor.accessToken()).expect(200);
        assertThat(redis.sync().exists(key)).isZero();

        api.get(path, mentor.accessToken()).expect(200);
        assertThat(redis.sync().hget(key, "profile")).contains("\"hourly_rate\":\"100.00\"");
        assertThat(redis.sync().ttl(key)).isBetween(1L, 3600L);

        api.put(path, mentorProfile("200.00", "go"), mentor.accessToken()).expect(200);
        assertThat(redis.sync().exists(key)).isZero();
        assertThat(api.get(path, mentor.accessToken()).text("hourly_rate")).isEqualTo("200.00");

        api.put("/api/v1/profiles/" + mentor.userId(), Map.of("bio", "New bio"), mentor.accessToken()).expect(200);
        assertThat(api.get(path, mentor.accessToken()).text("bio")).isEqualTo("New bio");
    }

    @Test
    void aMenteeProfileIsPrivateToItsOwner() {
        Api.Session mentee = api.newUser();
        String path = "/api/v1/users/" + mentee.userId() + "/mentee-profile";
        Api.Reply written = api.put(path, Map.of("learning_goals", List.of("Kotlin"), "interests", List.of("android"),
                "experience_level", "intermediate", "preferred_session_types", List.of("one_time", "recurring")),
                mentee.accessToken()).expect(200);
        assertThat(written.text("experience_level")).isEqualTo("intermediate");
        assertThat(api.get(path, mentee.accessToken()).body().path("learning_goals").get(0).asString()).isEqualTo("Kotlin");
        assertThat(redis.sync().exists("mentee_profile_cache:" + mentee.userId())).isOne();

        api.put(path, Map.of("experience_level", "guru"), mentee.accessToken()).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void aDisabledMentorsProfileIsNoLongerPublic() {
        Api.Session mentor = api.newUser("mentee", "mentor");
        String path = "/api/v1/users/" + mentor.userId() + "/mentor-profile";
        api.put(path, mentorProfile("100.00", "go"), mentor.accessToken()).expect(200);
        api.delete("/api/v1/users/" + mentor.userId() + "/roles/mentor", mentor.accessToken()).expect(200);
        api.get(path, api.newUser().accessToken()).expectError(404, "NOT_FOUND");
    }
}
