package com.linkwithmentor.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

@UserServiceTest
class MentorDiscoveryTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    String reader;

    @BeforeEach
    void seed() {
        api = new Api(port);
        jdbc.sql("DELETE FROM users").update();
        mentor("Asha", "Distributed systems and Kafka at scale", "4.90", "2000.00", 12, true, "Java", "Kafka");
        mentor("Ravi", "Frontend craft: React and accessibility", "4.50", "800.00", 4, true, "React", "TypeScript");
        mentor("Meera", "Machine learning for production", "4.70", "1500.00", 8, false, "Python", "Machine Learning");
        mentor("Karan", "Java performance tuning", "3.90", "600.00", 2, true, "Java");
        mentor("Zoya", "Go services; I also write some java", "5.00", "2500.00", 9, true, "Go");
        reader = api.newUser().accessToken();
    }

    void mentor(String name, String bio, String rating, String rate, int years, boolean accepting, String... specs) {
        Api.Session session = api.newUser("mentor");
        api.put("/api/v1/profiles/" + session.userId(), Map.of("display_name", name, "bio", bio), session.accessToken())
            .expect(200);
        api.put("/api/v1/users/" + session.userId() + "/mentor-profile", Map.of("specializations", List.of(specs),
                "hourly_rate", rate, "years_of_experience", years, "is_accepting_mentees", accepting),
                session.accessToken()).expect(200);
        jdbc.sql("UPDATE mentor_profiles SET rating = CAST(? AS numeric) WHERE user_id = ?").params(rating, session.userId())
            .update();
    }

    List<String> names(String query) {
        JsonNode items = api.get("/api/v1/mentors" + query, reader).expect(200).body().path("items");
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.path("display_name").asString()));
        return names;
    }

    @Test
    void withoutFiltersMentorsComeBestRatedFirstAndIncompleteOnesAreHidden() {
        api.newUser("mentor");
        assertThat(names("")).containsExactly("Zoya", "Asha", "Meera", "Ravi", "Karan");
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(names("?specialization=java")).containsExactly("Asha", "Karan");
        assertThat(names("?max_hourly_rate=1000")).containsExactly("Ravi", "Karan");
        assertThat(names("?min_rating=4.6")).containsExactly("Zoya", "Asha", "Meera");
        assertThat(names("?accepting_mentees=false")).containsExactly("Meera");
        assertThat(names("?min_experience=5&specialization=Java")).containsExactly("Asha");
    }

    @Test
    void freeTextSearchesNamesBiosAndSpecializationsByRelevance() {
        assertThat(names("?q=kafka")).containsExactly("Asha");
        assertThat(names("?q=machine%20learning")).containsExactly("Meera");
        assertThat(names("?q=meera")).containsExactly("Meera");
        assertThat(names("?q=java&sort=rate")).containsExactly("Karan", "Asha", "Zoya");
        assertThat(names("?q=nothing-matches-this")).isEmpty();
    }

    @Test
    void relevanceRanksNameAndSpecializationMatchesAboveBioOnlyOnesThenByRating() {
        // Zoya is rated highest but mentions Java only in her bio.
        assertThat(names("?q=java")).containsExactly("Asha", "Karan", "Zoya");
        assertThat(walk("?q=java&limit=1")).containsExactly("Asha", "Karan", "Zoya");
    }

    @Test
    void cursorsWalkEveryMentorOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/mentors?sort=rate&limit=1" + (cursor != null ? "&cursor=" + cursor : ""), reader)
                .expect(200).body();
            page.path("items").forEach(item -> seen.add(item.path("display_name").asString()));
            cursor = page.path("next_cursor").isNull() || page.path("next_cursor").isMissingNode() ? null
                    : page.path("next_cursor").asString();
        }
        while (cursor != null);
        assertThat(seen).containsExactly("Karan", "Ravi", "Meera", "Asha", "Zoya");
        assertThat(walk("?limit=2")).containsExactly("Zoya", "Asha", "Meera", "Ravi", "Karan");
    }

    List<String> walk(String query) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/mentors" + query + (cursor != null ? "&cursor=" + cursor : ""), reader)
                .expect(200).body();
            page.path("items").forEach(item -> seen.add(item.path("display_name").asString()));
            cursor = page.path("next_cursor").isNull() || page.path("next_cursor").isMissingNode() ? null
                    : page.path("next_cursor").asString();
        }
        while (cursor != null);
        return seen;
    }

    @Test
    void suspendedAndNonMentorUsersAreNotListed() {
        jdbc.sql("UPDATE users SET status = 'suspended' FROM profiles p WHERE p.user_id = users.user_id AND p.display_name = 'Asha'")
            .update();
        assertThat(names("")).doesNotContain("Asha");
    }

    @Test
    void badParametersAreClear400s() {
        api.get("/api/v1/mentors?limit=0", reader).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?limit=500", reader).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?min_rating=9", reader).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?max_hourly_rate=cheap", reader).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?sort=random", reader).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?sort=relevance", reader).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?cursor=garbage!", reader).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/mentors?q=%27%3B%20DROP%20TABLE%20users%3B%20--", reader).expect(200);
        api.get("/api/v1/mentors", null).expectError(401, "UNAUTHORIZED");
    }
}
