package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.linkwithmentor.lecture.LectureFixture.TestUser;
import com.linkwithmentor.testsupport.ApiClient.Reply;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

/**
 * Publishing against the real moderation-service (its built jar, run as a process): clean text
 * publishes, abusive text is refused with moderation's reason, a report on a lecture reaches
 * moderation as {@code target_type: lecture} against the lecture's mentor, and while moderation is
 * down a publish is refused with a 503, leaving the course as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishModerationTests {

    private ServiceProcess moderation;

    private LectureFixture fixture;

    @BeforeAll
    void start() {
        int port = LectureFixture.freePort();
        fixture = LectureFixture.start("lectures_moderation", 5, Map.of("lwm.lectures.moderation.url",
                "http://127.0.0.1:" + port, "lwm.lectures.moderation.timeout", "5s"));
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("moderation_for_lectures");
        moderation = ServiceProcess.start("moderation-service", port, Map.of(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", postgres.username(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password(),
                "LWM_REDIS_URL", "redis://" + java.net.URI.create(TestServers.redis().url()).getAuthority() + "/6",
                "LWM_JWKS_URL", fixture.issuer().jwksUrl()));
    }

    @AfterAll
    void stop() {
        if (moderation != null) {
            moderation.stop();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void cleanTextPublishesAndAbusiveTextIsRefusedWithModerationsReason() {
        LectureApi api = fixture.api();
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Graph algorithms", "199", "draft");
        api.lecture(mentor, course, "Breadth first search", false);
        Reply published = api.put("/api/v1/courses/" + course, Map.of("title", "Graph algorithms", "description",
                "Shortest paths, flows and matchings", "price", Map.of("amount", "199", "currency", "INR"),
                "visibility", "published"), mentor.token()).expect(200);
        assertThat(published.text("visibility")).isEqualTo("published");

        Reply blocked = api.post("/api/v1/courses/" + course + "/lectures", Map.of("title", "Week two",
                "description", "i will kill you"), mentor.token()).expectError(422, "UNPROCESSABLE");
        assertThat(blocked.text("message")).contains("content policy");
        assertThat(blocked.body().path("details").path("categories").toString()).isNotEqualTo("[]");
        assertThat(api.get("/api/v1/courses/" + course + "/lectures", mentor.token()).body()).hasSize(1);
    }

    @Test
    void aReportOnALectureReachesModerationAgainstItsMentor() {
        LectureApi api = fixture.api();
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Reportable", null, "published");
        UUID lecture = api.lecture(mentor, course, "Questionable", false);
        TestUser viewer = fixture.mentee();
        Reply report = api.post("/api/v1/lectures/" + lecture + "/report", Map.of("reason", "spam", "details",
                "Advertises an outside course"), viewer.token()).expect(201);
        assertThat(report.text("target_type")).isEqualTo("lecture");
        assertThat(report.text("target_id")).isEqualTo(lecture.toString());
        assertThat(report.text("reported_user_id")).isEqualTo(mentor.id().toString());
        assertThat(report.text("outcome")).isEqualTo("pending");

        api.post("/api/v1/lectures/" + lecture + "/report", Map.of("reason", "not-a-reason!"), viewer.token())
            .expectFieldError("reason");
        Reply unknown = api.post("/api/v1/lectures/" + lecture + "/report", Map.of("reason", "gibberish"), viewer.token());
        unknown.expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void whileModerationIsDownAPublishIsRefusedWith503AndNothingChanges() {
        LectureApi api = fixture.api();
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "During an outage", null, "draft");
        moderation.stop();
        try {
            Reply refused = api.put("/api/v1/courses/" + course, Map.of("title", "During an outage",
                    "visibility", "published"), mentor.token()).expectError(503, "SERVICE_UNAVAILABLE");
            assertThat(refused.header("Retry-After")).isEqualTo("10");
            assertThat(api.get("/api/v1/courses/" + course, mentor.token()).text("visibility")).isEqualTo("draft");
            // Drafts need no verdict.
            api.put("/api/v1/courses/" + course, Map.of("title", "Still a draft"), mentor.token()).expect(200);
        }
        finally {
            moderation.restart();
        }
    }
}
