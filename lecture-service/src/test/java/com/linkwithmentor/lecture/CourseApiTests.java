package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.lecture.LectureFixture.TestUser;
import com.linkwithmentor.testsupport.ApiClient.Reply;

import tools.jackson.databind.JsonNode;

/** Courses and lectures: who may create, see and change them, what publishing checks, and how browsing and search find them. */
class CourseApiTests {

    private final LectureFixture fixture = LectureFixture.shared();

    private final LectureApi api = fixture.api();

    @Test
    void aMentorCreatesADraftCourseWithLecturesThatOnlyTheySee() {
        TestUser mentor = fixture.mentor();
        Reply created = api.post("/api/v1/courses", Map.of("title", "  Systems design  ", "description", "Queues and caches",
                "price", Map.of("amount", "499.00", "currency", "INR")), mentor.token()).expect(201);
        UUID course = created.id("course_id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/courses/" + course);
        assertThat(created.text("title")).isEqualTo("Systems design");
        assertThat(created.text("visibility")).isEqualTo("draft");
        assertThat(created.body().path("price").path("amount").asString()).isEqualTo("499.00");
        assertThat(created.body().path("free").asBoolean()).isFalse();

        UUID first = api.lecture(mentor, course, "Intro", true);
        Reply second = api.post("/api/v1/courses/" + course + "/lectures", Map.of("title", "Queues"), mentor.token()).expect(201);
        assertThat(second.body().path("position").asInt()).isEqualTo(2);
        assertThat(second.text("status")).isEqualTo("awaiting_upload");
        assertThat(second.body().path("progress_percent").asInt()).isZero();

        JsonNode detail = api.get("/api/v1/courses/" + course, mentor.token()).expect(200).body();
        assertThat(detail.path("lectures")).hasSize(2);
        assertThat(detail.path("lectures").path(0).path("lecture_id").asString()).isEqualTo(first.toString());

        TestUser stranger = fixture.mentee();
        api.get("/api/v1/courses/" + course, stranger.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/courses/" + course + "/lectures", stranger.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/lectures/" + first, stranger.token()).expectError(404, "NOT_FOUND");
    }

    @Test
    void onlyTheCoursesMentorInTheMentorRoleMayChangeIt() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Owned course", null, "draft");
        TestUser other = fixture.mentor();
        Map<String, Object> edit = Map.of("title", "Hijacked");
        api.put("/api/v1/courses/" + course, edit, other.token()).expectError(404, "NOT_FOUND");
        api.post("/api/v1/courses/" + course + "/lectures", edit, other.token()).expectError(404, "NOT_FOUND");
        api.delete("/api/v1/courses/" + course, other.token()).expectError(404, "NOT_FOUND");

        api.put("/api/v1/courses/" + course, Map.of("title", "Owned course", "visibility", "published"), mentor.token())
            .expect(200);
        // Published, it is visible to the other mentor, but still not theirs to change.
        api.put("/api/v1/courses/" + course, edit, other.token()).expectError(403, "FORBIDDEN");

        String menteeToken = fixture.issuer().token(mentor.id(), "mentee").sign();
        api.post("/api/v1/courses", Map.of("title", "As a mentee"), menteeToken).expectError(403, "FORBIDDEN");
        api.put("/api/v1/courses/" + course, edit, menteeToken).expectError(403, "FORBIDDEN");
        api.get("/api/v1/courses/" + course, null).expectError(401, "UNAUTHORIZED");
    }

    @Test
    void badInputIsA400NamingTheField() {
        TestUser mentor = fixture.mentor();
        api.post("/api/v1/courses", Map.of("title", "  "), mentor.token()).expectFieldError("title");
        api.post("/api/v1/courses", Map.of("title", "x".repeat(201)), mentor.token()).expectFieldError("title");
        api.post("/api/v1/courses", Map.of("title", "nul\u0000byte"), mentor.token()).expectFieldError("title");
        api.post("/api/v1/courses", "{\"title\":\"lone \\ud800 surrogate\"}", mentor.token()).expectFieldError("title");
        api.post("/api/v1/courses", Map.of("title", "ok", "description", "bell\u0007"), mentor.token())
            .expectFieldError("description");
        api.post("/api/v1/courses", Map.of("title", "ok", "price", Map.of("amount", "1e999999", "currency", "INR")),
                mentor.token()).expectFieldError("price.amount");
        api.post("/api/v1/courses", Map.of("title", "ok", "price", Map.of("amount", 10, "currency", "inr")), mentor.token())
            .expectFieldError("price.currency");
        api.post("/api/v1/courses", Map.of("title", "ok", "visibility", "everyone"), mentor.token())
            .expectFieldError("visibility");
        api.post("/api/v1/courses", "{\"title\": [null]}", mentor.token()).expectFieldError("title");
        api.post("/api/v1/courses", "not json", mentor.token()).expectError(400, "VALIDATION_ERROR");
        UUID course = api.course(mentor, "Validated", null, "draft");
        api.post("/api/v1/courses/" + course + "/lectures", Map.of("title", "t", "position", 0), mentor.token())
            .expectFieldError("position");
        api.post("/api/v1/courses/" + course + "/lectures", Map.of("title", "t", "position", 1e12), mentor.token())
            .expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/courses/not-a-uuid", mentor.token()).expectFieldError("course_id");
        api.get("/api/v1/courses?q=%00", mentor.token()).expectFieldError("q");
        api.get("/api/v1/courses?limit=100000", mentor.token()).expectFieldError("limit");
        api.get("/api/v1/courses?cursor=MXwxMDAwMDAwMDAwLTAxLTAxVDAwOjAwOjAwWnwwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
                mentor.token()).expectFieldError("cursor");
        api.get("/api/v1/courses?cursor=%FF%FE", mentor.token()).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void publishingPassesTheTextThroughModerationAndABlockIsA422WithTheReason() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Clean title", null, "draft");
        api.lecture(mentor, course, "I will kill you", false);
        Reply blocked = api.put("/api/v1/courses/" + course, Map.of("title", "Clean title", "visibility", "published"),
                mentor.token()).expectError(422, "UNPROCESSABLE");
        assertThat(blocked.text("message")).contains("harassment");
        assertThat(blocked.body().path("details").path("content_id").asString()).startsWith("lecture:");
        assertThat(api.get("/api/v1/courses/" + course, mentor.token()).text("visibility")).isEqualTo("draft");

        Reply direct = api.post("/api/v1/courses", Map.of("title", "kill them all", "visibility", "published"), mentor.token());
        direct.expectError(422, "UNPROCESSABLE");
    }

    @Test
    void aPublishedCourseIsAnnouncedAndFoundByBrowseAndFullTextSearch() {
        TestUser mentor = fixture.mentor();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        UUID titled = api.course(mentor, "Kubernetes " + word, "999", "published");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Networking basics");
        body.put("description", "Routing, and a little " + word + " on the side");
        body.put("visibility", "published");
        UUID described = api.post("/api/v1/courses", body, mentor.token()).expect(201).id("course_id");
        UUID draft = api.course(mentor, "Draft " + word, null, "draft");
        UUID unlisted = api.course(mentor, "Unlisted " + word, null, "unlisted");

        TestUser reader = fixture.mentee();
        JsonNode found = api.get("/api/v1/courses?q=" + word, reader.token()).expect(200).body();
        assertThat(ids(found)).containsExactly(titled.toString(), described.toString());

        JsonNode first = api.get("/api/v1/courses?q=" + word + "&limit=1", reader.token()).expect(200).body();
        assertThat(ids(first)).containsExactly(titled.toString());
        JsonNode next = api.get("/api/v1/courses?q=" + word + "&limit=1&cursor=" + first.path("next_cursor").asString(),
                reader.token()).expect(200).body();
        assertThat(ids(next)).containsExactly(described.toString());

        assertThat(ids(api.get("/api/v1/courses?mentor_id=" + mentor.id(), reader.token()).expect(200).body()))
            .containsExactlyInAnyOrder(titled.toString(), described.toString());
        assertThat(ids(api.get("/api/v1/courses?mentor_id=" + mentor.id(), mentor.token()).expect(200).body()))
            .contains(draft.toString(), unlisted.toString());
        api.get("/api/v1/courses/" + unlisted, reader.token()).expect(200);

        JsonNode announced = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> fixture.events("CoursePublished", titled), events -> events.size() == 1).get(0);
        assertThat(announced.path("mentor_id").asString()).isEqualTo(mentor.id().toString());
        assertThat(announced.path("price").path("amount").asString()).isEqualTo("999.00");
    }

    @Test
    void aCourseWithoutEnrollmentsIsDeletedWithItsLectures() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Short lived", null, "draft");
        UUID lecture = api.lecture(mentor, course, "Only one", false);
        api.delete("/api/v1/courses/" + course, mentor.token()).expect(204);
        api.get("/api/v1/courses/" + course, mentor.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/lectures/" + lecture, mentor.token()).expectError(404, "NOT_FOUND");
    }

    @Test
    void aCoverIsSniffedFromItsBytesAndServedThroughASignedUrl() throws Exception {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "With a cover", null, "draft");
        byte[] png = LectureApi.read(Clips.png());
        var cover = api.send(api.request("/api/v1/courses/" + course + "/cover", mentor.token())
            .header("Content-Type", "image/jpeg").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)));
        assertThat(cover.statusCode()).as(cover.body()).isEqualTo(200);
        String url = LectureFixture.JSON.readTree(cover.body()).path("cover_url").asString();
        assertThat(url).startsWith("/media/courses/" + course + "/cover-").contains(".png?u=" + mentor.id());
        var image = api.raw(url, Map.of());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.body()).isEqualTo(png);

        var notImage = api.send(api.request("/api/v1/courses/" + course + "/cover", mentor.token())
            .header("Content-Type", "image/png").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("just some text")));
        assertThat(notImage.statusCode()).isEqualTo(415);
        assertThat(notImage.body()).contains("UNSUPPORTED_MEDIA_TYPE", "text/plain");

        var multipart = api.send(api.request("/api/v1/courses", mentor.token())
            .header("Content-Type", "multipart/form-data; boundary=xyz")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--xyz\r\nbroken")));
        assertThat(multipart.statusCode()).isEqualTo(415);
        assertThat(multipart.body()).contains("UNSUPPORTED_MEDIA_TYPE");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("course_id").asString()));
        return ids;
    }
}
