package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.lecture.LectureFixture.TestUser;
import com.linkwithmentor.testsupport.ApiClient.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Progress maths through the API: merged intervals, 90 % to complete, seeking is not watching,
 * course completion weighted by lecture length, and the mentor's analytics.
 */
class ProgressTests {

    private final LectureFixture fixture = LectureFixture.shared();

    private final LectureApi api = fixture.api();

    @Test
    void overlappingSpansCountOnceAndALectureCompletesAtNinetyPercentWatched() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Maths", null, "published");
        UUID lecture = api.readyLecture(mentor, course, "Hundred seconds", 100);
        TestUser mentee = fixture.mentee();
        api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201);

        JsonNode first = report(lecture, mentee, 40, List.of(List.of(0.0, 30.0), List.of(20.0, 40.0))).body();
        assertThat(first.path("watched_seconds").asDouble()).isEqualTo(40.0);
        assertThat(first.path("position_seconds").asDouble()).isEqualTo(40.0);
        assertThat(first.path("completed").asBoolean()).isFalse();

        // Rewatching a part adds nothing; a gap stays a gap.
        JsonNode second = report(lecture, mentee, 80, List.of(List.of(10.0, 40.0), List.of(50.0, 80.0))).body();
        assertThat(second.path("watched_seconds").asDouble()).isEqualTo(70.0);
        assertThat(second.path("watched_percent").asInt()).isEqualTo(70);
        assertThat(second.path("completed").asBoolean()).isFalse();

        // Seeking to the end moves the position, not the watched time.
        JsonNode seek = report(lecture, mentee, 100, List.of()).body();
        assertThat(seek.path("position_seconds").asDouble()).isEqualTo(100.0);
        assertThat(seek.path("completed").asBoolean()).isFalse();

        JsonNode enough = report(lecture, mentee, 100, List.of(List.of(40.0, 50.0), List.of(80.0, 90.0))).body();
        assertThat(enough.path("watched_seconds").asDouble()).isEqualTo(90.0);
        assertThat(enough.path("completed").asBoolean()).isTrue();
        assertThat(enough.path("completed_at").isString()).isTrue();

        // Past the end is clipped to the lecture's length.
        assertThat(report(lecture, mentee, 5000, List.of(List.of(90.0, 5000.0))).body().path("watched_seconds").asDouble())
            .isEqualTo(100.0);
    }

    @Test
    void aReportCreditsNoMoreWatchedTimeThanCouldHaveBeenWatched() {
        LectureFixture strict = fixture;
        TestUser mentor = strict.mentor();
        UUID course = api.course(mentor, "Honest", null, "published");
        UUID lecture = api.readyLecture(mentor, course, "Long one", 3600);
        TestUser mentee = strict.mentee();
        api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201);
        // A first report claiming the whole hour: only the slack (120 s in these tests) is credited.
        JsonNode claimed = report(lecture, mentee, 3600, List.of(List.of(0.0, 3600.0))).body();
        assertThat(claimed.path("watched_seconds").asDouble()).isEqualTo(120.0);
        assertThat(claimed.path("completed").asBoolean()).isFalse();
    }

    @Test
    void courseProgressIsWeightedByLectureLengthAndTheMentorSeesEnrollmentsCompletionAndDropOff() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Analytics", null, "published");
        UUID intro = api.readyLecture(mentor, course, "Intro", 20);
        UUID main = api.readyLecture(mentor, course, "Main", 80);
        api.lecture(mentor, course, "Not uploaded yet", false);

        TestUser finisher = fixture.mentee();
        TestUser starter = fixture.mentee();
        TestUser idle = fixture.mentee();
        for (TestUser mentee : List.of(finisher, starter, idle)) {
            api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201);
        }
        report(intro, finisher, 20, List.of(List.of(0.0, 20.0)));
        report(main, finisher, 80, List.of(List.of(0.0, 80.0)));
        report(intro, starter, 10, List.of(List.of(0.0, 10.0)));

        JsonNode mine = api.get("/api/v1/courses/" + course + "/progress", starter.token()).expect(200).body();
        assertThat(mine.path("completion_percent").asInt()).isEqualTo(10);
        assertThat(mine.path("total_lectures").asInt()).isEqualTo(2);
        assertThat(mine.path("completed_lectures").asInt()).isZero();
        assertThat(mine.path("lectures").path(0).path("position_seconds").asDouble()).isEqualTo(10.0);
        JsonNode done = api.get("/api/v1/courses/" + course + "/progress", finisher.token()).expect(200).body();
        assertThat(done.path("completion_percent").asInt()).isEqualTo(100);
        api.get("/api/v1/courses/" + course + "/progress", fixture.mentee().token()).expectError(404, "NOT_FOUND");

        JsonNode analytics = api.get("/api/v1/courses/" + course + "/analytics", mentor.token()).expect(200).body();
        assertThat(analytics.path("enrollments").path("enrolled").asInt()).isEqualTo(3);
        assertThat(analytics.path("average_completion_percent").asInt()).isEqualTo(37);
        JsonNode first = analytics.path("lectures").path(0);
        assertThat(first.path("lecture_id").asString()).isEqualTo(intro.toString());
        assertThat(first.path("started").asInt()).isEqualTo(2);
        assertThat(first.path("completed").asInt()).isEqualTo(1);
        assertThat(first.path("drop_off").asInt()).isEqualTo(1);
        JsonNode second = analytics.path("lectures").path(1);
        assertThat(second.path("started").asInt()).isEqualTo(1);
        assertThat(second.path("drop_off").asInt()).isEqualTo(1);
        assertThat(second.path("completion_rate_percent").asInt()).isEqualTo(33);

        api.get("/api/v1/courses/" + course + "/analytics", fixture.mentor().token()).expectError(403, "FORBIDDEN");
        api.get("/api/v1/courses/" + course + "/analytics", finisher.token()).expectError(403, "FORBIDDEN");
    }

    @Test
    void badProgressReportsAre400s() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Validation", null, "published");
        UUID lecture = api.readyLecture(mentor, course, "Lesson", 50);
        String path = "/api/v1/lectures/" + lecture + "/progress";
        api.put(path, Map.of("watched", List.of()), mentor.token()).expectFieldError("position_seconds");
        api.put(path, Map.of("position_seconds", -1), mentor.token()).expectFieldError("position_seconds");
        api.put(path, "{\"position_seconds\": 1e999}", mentor.token()).expectFieldError("position_seconds");
        api.put(path, "{\"position_seconds\": 1, \"watched\": [null]}", mentor.token()).expectError(400, "VALIDATION_ERROR");
        api.put(path, "{\"position_seconds\": 1, \"watched\": [[1, null]]}", mentor.token())
            .expectError(400, "VALIDATION_ERROR");
        api.put(path, "{\"position_seconds\": 1, \"watched\": [[1, 2, 3]]}", mentor.token())
            .expectError(400, "VALIDATION_ERROR");
        api.put(path, "{\"position_seconds\": 1, \"watched\": [[5, 2]]}", mentor.token()).expectFieldError("watched");
        api.put(path, "{\"position_seconds\": \"soon\"}", mentor.token()).expectFieldError("position_seconds");
        api.put(path, Map.of("position_seconds", 1), fixture.mentee().token()).expectError(403, "FORBIDDEN");
        api.put("/api/v1/lectures/" + UUID.randomUUID() + "/progress", Map.of("position_seconds", 1), mentor.token())
            .expectError(404, "NOT_FOUND");
    }

    private Reply report(UUID lecture, TestUser viewer, double position, List<List<Double>> watched) {
        return api.put("/api/v1/lectures/" + lecture + "/progress", Map.of("position_seconds", position, "watched", watched),
                viewer.token()).expect(200);
    }
}
