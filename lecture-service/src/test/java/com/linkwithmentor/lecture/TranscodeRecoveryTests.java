package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.linkwithmentor.lecture.LectureFixture.TestUser;

import tools.jackson.databind.JsonNode;

/**
 * Transcoding survives what production throws at it: FFmpeg missing (health says so, uploads wait
 * queued), an instance that crashed mid-job (its job is claimed again once its heartbeat is stale),
 * and an instance stopped mid-job (its job goes back to the queue and the next instance finishes it).
 * Its own instance, restarted twice on the same database and storage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscodeRecoveryTests {

    private LectureFixture fixture;

    @BeforeAll
    void start() {
        fixture = LectureFixture.start("lectures_recovery", 4, Map.of("lwm.lectures.transcoding.ffmpeg",
                "/nonexistent/ffmpeg"));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void jobsWaitWithoutFfmpegAndCrashedOrStoppedJobsAreFinishedAfterARestart() throws Exception {
        LectureApi api = fixture.api();
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Recovery", null, "draft");

        // FFmpeg missing: health is DOWN, naming it, yet the upload is taken and waits queued.
        JsonNode health = LectureFixture.JSON.readTree(api.raw("/actuator/health", Map.of()).body());
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("components").path("ffmpeg").path("status").asString()).isEqualTo("DOWN");
        assertThat(api.raw("/actuator/health/readiness", Map.of()).statusCode()).isEqualTo(200);
        UUID waiting = api.lecture(mentor, course, "Waits for FFmpeg", false);
        assertThat(api.upload(waiting, Clips.clip(), mentor, 1024 * 1024).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/lectures/" + waiting, mentor.token()).text("status")).isEqualTo("uploaded");
        assertThat(jobStatus(waiting)).isEqualTo("queued");

        // Another instance crashed mid-job: its job is running, its heartbeat an hour old.
        UUID crashed = api.lecture(mentor, course, "Its worker died", false);
        Path staged = fixture.root().resolve("staging").resolve(UUID.randomUUID() + ".upload");
        Files.copy(Clips.clip(), staged);
        fixture.jdbc().sql("UPDATE lectures SET status = 'processing', progress_percent = 40 WHERE lecture_id = :id")
            .param("id", crashed).update();
        fixture.jdbc().sql("""
                INSERT INTO transcode_jobs (job_id, lecture_id, upload_id, source_path, status, attempts, claimed_by,
                                            heartbeat_at, created_at)
                VALUES (:job, :lecture, :upload, :source, 'running', 1, 'crashed-instance', :beat, :beat)
                """).param("job", UUID.randomUUID()).param("lecture", crashed).param("upload", UUID.randomUUID())
            .param("source", staged.toString()).param("beat", OffsetDateTime.now().minusHours(1)).update();

        fixture.restart(Map.of("lwm.lectures.transcoding.ffmpeg", "/usr/bin/ffmpeg"));
        api = fixture.api();
        api.awaitStatus(waiting, mentor, "ready", Duration.ofSeconds(90));
        api.awaitStatus(crashed, mentor, "ready", Duration.ofSeconds(90));
        Map<String, Object> reclaimed = fixture.jdbc().sql("SELECT claimed_by, attempts, status FROM transcode_jobs "
                + "WHERE lecture_id = :id").param("id", crashed).query().singleRow();
        assertThat(reclaimed.get("claimed_by")).isNotEqualTo("crashed-instance");
        assertThat(reclaimed.get("attempts")).isEqualTo(2);
        assertThat(reclaimed.get("status")).isEqualTo("done");
        assertThat(LectureFixture.JSON.readTree(api.raw("/actuator/health", Map.of()).body()).path("status").asString())
            .isEqualTo("UP");

        // Stopped mid-job (progress reported), the job is put back and the next instance finishes it.
        UUID stopped = api.lecture(mentor, course, "Interrupted by a deploy", false);
        assertThat(api.upload(stopped, Clips.longClip(), mentor, 4 * 1024 * 1024).statusCode()).isEqualTo(204);
        LectureApi during = api;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode view = during.get("/api/v1/lectures/" + stopped, mentor.token()).body();
            return view.path("status").asString().equals("processing") && view.path("progress_percent").asInt() > 0;
        });
        fixture.restart(Map.of());
        JsonNode ready = fixture.api().awaitStatus(stopped, mentor, "ready", Duration.ofSeconds(120));
        assertThat(ready.path("renditions")).hasSize(2);
        assertThat(ready.path("renditions").path(0).path("height").asInt()).isEqualTo(360);
        assertThat(ready.path("renditions").path(1).path("height").asInt()).isEqualTo(720);
        assertThat(ready.path("duration_seconds").asDouble()).isBetween(11.9, 12.2);
        assertThat(jobStatus(stopped)).isEqualTo("done");
    }

    private String jobStatus(UUID lecture) {
        return fixture.jdbc().sql("SELECT status FROM transcode_jobs WHERE lecture_id = :id ORDER BY created_at DESC LIMIT 1")
            .param("id", lecture).query(String.class).single();
    }
}
