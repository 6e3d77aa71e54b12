package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.lecture.LectureFixture.TestUser;
import com.linkwithmentor.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;

/** A real HTTP client for lecture-service: its JSON API with course fixtures, the tus protocol, and media requests. */
final class LectureApi extends ApiClient {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).build();

    private final int port;

    private final LectureFixture fixture;

    LectureApi(int port, LectureFixture fixture) {
        super(port);
        this.port = port;
        this.fixture = fixture;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A course by this mentor; price null for free. */
    UUID course(TestUser mentor, String title, @Nullable String price, String visibility) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", "A course about " + title);
        body.put("price", price == null ? null : Map.of("amount", price, "currency", "INR"));
        body.put("visibility", visibility);
        return post("/api/v1/courses", body, mentor.token()).expect(201).id("course_id");
    }

    UUID lecture(TestUser mentor, UUID course, String title, boolean freePreview) {
        return post("/api/v1/courses/" + course + "/lectures", Map.of("title", title, "description", "About " + title,
                "free_preview", freePreview), mentor.token()).expect(201).id("lecture_id");
    }

    /**
     * A lecture that is ready without transcoding (rows written directly), for tests of enrollment,
     * progress and analytics: what they need is a duration, not real media.
     */
    UUID readyLecture(TestUser mentor, UUID course, String title, int seconds) {
        UUID lecture = lecture(mentor, course, title, false);
        fixture.jdbc().sql("UPDATE lectures SET status = 'ready', progress_percent = 100, duration_ms = :ms, "
                + "media_prefix = :prefix WHERE lecture_id = :id").param("ms", seconds * 1000L)
            .param("prefix", "lectures/" + lecture + "/none").param("id", lecture).update();
        return lecture;
    }

    // --- tus ---

    HttpResponse<String> tusCreate(UUID lecture, long length, @Nullable String token) {
        return send(request("/api/v1/lectures/" + lecture + "/uploads", token).header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", Long.toString(length))
            .header("Upload-Metadata", "filename " + java.util.Base64.getEncoder().encodeToString("talk.mp4".getBytes()))
            .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Creates an upload and returns its path (from Location). */
    String created(UUID lecture, long length, TestUser mentor) {
        HttpResponse<String> response = tusCreate(lecture, length, mentor.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(location).getPath();
    }

    HttpResponse<String> head(String upload, String token) {
        return send(request(upload, token).header("Tus-Resumable", "1.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    long offset(String upload, String token) {
        HttpResponse<String> head = head(upload, token);
        assertThat(head.statusCode()).isEqualTo(200);
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    HttpResponse<String> patch(String upload, long offset, byte[] bytes, String token) {
        return send(request(upload, token).header("Tus-Resumable", "1.0.0").header("Upload-Offset", Long.toString(offset))
            .header("Content-Type", "application/offset+octet-stream")
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** Uploads a whole file in chunks of the given size; returns the last PATCH's answer. */
    HttpResponse<String> upload(UUID lecture, Path file, TestUser mentor, int chunk) {
        byte[] bytes = read(file);
        String upload = created(lecture, bytes.length, mentor);
        HttpResponse<String> last = null;
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            last = patch(upload, offset, Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + chunk)),
                    mentor.token());
            if (last.statusCode() != 204) {
                return last;
            }
        }
        return last;
    }

    /** Uploads the file and waits until the lecture is ready; returns the lecture view. */
    JsonNode uploadAndAwaitReady(UUID lecture, Path file, TestUser mentor) {
        HttpResponse<String> last = upload(lecture, file, mentor, 1024 * 1024);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(204);
        return awaitStatus(lecture, mentor, "ready", Duration.ofSeconds(90));
    }

    JsonNode awaitStatus(UUID lecture, TestUser mentor, String status, Duration within) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
            view[0] = get("/api/v1/lectures/" + lecture, mentor.token()).expect(200).body();
            String now = view[0].path("status").asString();
            assertThat(status.equals("ready") && now.equals("failed")).as(view[0].toString()).isFalse();
            return now.equals(status);
        });
        return view[0];
    }

    // --- raw requests (media, headers) ---

    HttpResponse<byte[]> raw(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + pathAndQuery));
        headers.forEach(builder::header);
        try {
            return HTTP.send(builder.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
