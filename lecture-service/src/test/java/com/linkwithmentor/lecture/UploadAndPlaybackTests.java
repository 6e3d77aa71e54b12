package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.lecture.LectureFixture.TestUser;
import com.linkwithmentor.lecture.signing.MediaSigner;

import tools.jackson.databind.JsonNode;

/**
 * A lecture's video from upload to playback: the tus protocol (an upload cut off mid-body resumes
 * from HEAD's offset), FFmpeg really transcoding a clip FFmpeg made, files that are not video or
 * are corrupt refused with reasons, and playlists and segments served only through signed URLs.
 */
class UploadAndPlaybackTests {

    private final LectureFixture fixture = LectureFixture.shared();

    private final LectureApi api = fixture.api();

    @Test
    void theTusEndpointsDescribeThemselvesAndRefuseWhatTheProtocolForbids() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Tus rules", null, "draft");
        UUID lecture = api.lecture(mentor, course, "Upload here", false);
        String uploads = "/api/v1/lectures/" + lecture + "/uploads";

        HttpResponse<String> options = api.send(api.request(uploads, mentor.token())
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(options.headers().firstValue("Tus-Extension")).hasValue("creation,termination,expiration");
        assertThat(options.headers().firstValue("Tus-Max-Size")).hasValue(Long.toString(4L * 1024 * 1024 * 1024));

        HttpResponse<String> noVersion = api.send(api.request(uploads, mentor.token()).header("Upload-Length", "10")
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noVersion.statusCode()).isEqualTo(412);
        assertThat(noVersion.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(noVersion.body()).contains("\"error_code\":\"VALIDATION_ERROR\"", "Tus-Resumable");

        assertThat(api.tusCreate(lecture, 5L * 1024 * 1024 * 1024, mentor.token()).statusCode()).isEqualTo(413);
        for (String bad : new String[] { "-1", "0", "ten", "99999999999999999999" }) {
            HttpResponse<String> refused = api.send(api.request(uploads, mentor.token()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", bad).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(refused.statusCode()).as(bad).isIn(400, 413);
            assertThat(refused.body()).contains("Upload-Length");
        }
        assertThat(api.tusCreate(lecture, 100, fixture.mentor().token()).statusCode()).isEqualTo(404);
        assertThat(api.tusCreate(lecture, 100, fixture.issuer().token(mentor.id(), "mentee").sign()).statusCode())
            .isEqualTo(403);
        assertThat(api.tusCreate(lecture, 100, null).statusCode()).isEqualTo(401);

        String upload = api.created(lecture, 100, mentor);
        HttpResponse<String> wrongType = api.send(api.request(upload, mentor.token()).header("Tus-Resumable", "1.0.0")
            .header("Upload-Offset", "0").header("Content-Type", "application/octet-stream")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        HttpResponse<String> wrongOffset = api.patch(upload, 7, new byte[10], mentor.token());
        assertThat(wrongOffset.statusCode()).isEqualTo(409);
        assertThat(wrongOffset.headers().firstValue("Upload-Offset")).hasValue("0");
        assertThat(api.patch(upload, 0, new byte[101], mentor.token()).statusCode()).isEqualTo(413);
        assertThat(api.head(upload, fixture.mentor().token()).statusCode()).isEqualTo(404);
        assertThat(api.head(uploads + "/" + UUID.randomUUID(), mentor.token()).statusCode()).isEqualTo(404);

        HttpResponse<String> terminated = api.send(api.request(upload, mentor.token()).header("Tus-Resumable", "1.0.0")
            .DELETE());
        assertThat(terminated.statusCode()).isEqualTo(204);
        assertThat(api.head(upload, mentor.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadCutOffMidBodyResumesFromHeadsOffsetAndTheVideoIsTranscodedAndPlayedThroughSignedUrls() throws Exception {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Resumable", null, "published");
        UUID lecture = api.lecture(mentor, course, "Cut off and resumed", false);
        byte[] video = LectureApi.read(Clips.clip());
        assertThat(video.length).isGreaterThan(1_000_000);
        String upload = api.created(lecture, video.length, mentor);
        int sent = video.length / 2 + 12_345;

        // The connection drops after half the body: what arrived is kept and counted.
        try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + mentor.token()
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n"
                    + "Content-Length: " + video.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(video, 0, sent);
            out.flush();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> api.offset(upload, mentor.token()) == sent);
        assertThat(api.get("/api/v1/lectures/" + lecture, mentor.token()).text("status")).isEqualTo("awaiting_upload");

        HttpResponse<String> rest = api.patch(upload, sent, Arrays.copyOfRange(video, sent, video.length), mentor.token());
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
        assertThat(rest.headers().firstValue("Upload-Offset")).hasValue(Integer.toString(video.length));

        JsonNode ready = api.awaitStatus(lecture, mentor, "ready", Duration.ofSeconds(90));
        assertThat(ready.path("progress_percent").asInt()).isEqualTo(100);
        assertThat(ready.path("duration_seconds").asDouble()).isBetween(2.9, 3.2);
        assertThat(ready.path("renditions")).hasSize(1);
        assertThat(ready.path("renditions").path(0).path("height").asInt()).isEqualTo(360);
        assertThat(ready.path("renditions").path(0).path("width").asInt()).isEqualTo(640);
        assertThat(ready.path("thumbnail_url").asString()).contains("/thumbnail.jpg?u=" + mentor.id());
        JsonNode announced = await().atMost(Duration.ofSeconds(10))
            .until(() -> fixture.events("LectureReady", lecture), events -> events.size() == 1).get(0);
        assertThat(announced.path("course_id").asString()).isEqualTo(course.toString());
        assertThat(announced.path("renditions").path(0).path("height").asInt()).isEqualTo(360);

        // Playback: the master playlist, its variant and a segment, each entry signed for the same viewer.
        JsonNode playback = api.get("/api/v1/lectures/" + lecture + "/playback", mentor.token()).expect(200).body();
        String master = playback.path("url").asString();
        assertThat(master).startsWith("/media/lectures/" + lecture + "/").contains("/master.m3u8?u=" + mentor.id());
        assertThat(Instant.parse(playback.path("expires_at").asString())).isAfter(Instant.now().plusSeconds(3000));
        HttpResponse<byte[]> masterReply = api.raw(master, Map.of());
        assertThat(masterReply.statusCode()).isEqualTo(200);
        assertThat(masterReply.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.apple.mpegurl");
        assertThat(masterReply.headers().firstValue("Cache-Control").orElse("")).contains("max-age=10");
        String masterText = new String(masterReply.body(), StandardCharsets.UTF_8);
        assertThat(masterText).contains("#EXT-X-STREAM-INF:BANDWIDTH=", "RESOLUTION=640x360");
        String variant = masterText.lines().filter(l -> l.startsWith("/media/")).findFirst().orElseThrow();
        assertThat(variant).contains("/360p/index.m3u8?u=" + mentor.id() + "&e=");

        String variantText = new String(api.raw(variant, Map.of()).body(), StandardCharsets.UTF_8);
        assertThat(variantText).contains("#EXT-X-TARGETDURATION:", "#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST");
        String segment = variantText.lines().filter(l -> l.startsWith("/media/")).findFirst().orElseThrow();
        assertThat(segment).contains("/360p/seg_00000.ts?u=");
        HttpResponse<byte[]> whole = api.raw(segment, Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp2t");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Cache-Control").orElse("")).contains("public", "immutable");
        assertThat(whole.body()[0]).isEqualTo((byte) 0x47);
        HttpResponse<byte[]> range = api.raw(segment, Map.of("Range", "bytes=100-299"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-299/" + whole.body().length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, 300));
        HttpResponse<byte[]> suffix = api.raw(segment, Map.of("Range", "bytes=-188"));
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).hasSize(188);
        HttpResponse<byte[]> beyond = api.raw(segment, Map.of("Range", "bytes=99999999-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + whole.body().length);
        assertThat(new String(beyond.body(), StandardCharsets.UTF_8)).contains("\"error_code\"");

        // The signature is the key: altered, moved to another file, another viewer or expired, it is refused.
        assertForbidden(segment.replaceAll("&s=[^&]+", "&s=AAAA"));
        assertForbidden(segment.replace("seg_00000.ts", "seg_00001.ts"));
        assertForbidden(segment.replace("u=" + mentor.id(), "u=" + UUID.randomUUID()));
        assertForbidden(segment.substring(0, segment.indexOf('?')));
        MediaSigner signer = fixture.bean(MediaSigner.class);
        String path = segment.substring(0, segment.indexOf('?'));
        assertForbidden(signer.sign(path, mentor.id(), Instant.now().minusSeconds(5)));
        assertThat(api.raw(signer.sign(path, mentor.id(), Instant.now().plusSeconds(60)), Map.of()).statusCode())
            .isEqualTo(200);
        assertThat(api.raw(signer.sign("/media/lectures/" + lecture + "/../../etc/passwd", mentor.id(),
                Instant.now().plusSeconds(60)), Map.of()).statusCode()).isIn(400, 404);

        // Who may watch: not an unenrolled mentee; an enrolled one may.
        TestUser mentee = fixture.mentee();
        api.get("/api/v1/lectures/" + lecture + "/playback", mentee.token()).expectError(403, "FORBIDDEN");
        api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201);
        String theirs = api.get("/api/v1/lectures/" + lecture + "/playback", mentee.token()).expect(200).text("url");
        assertThat(theirs).contains("u=" + mentee.id());
        assertThat(api.raw(theirs, Map.of()).statusCode()).isEqualTo(200);
        assertThat(api.raw(ready.path("thumbnail_url").asString(), Map.of()).headers().firstValue("Content-Type"))
            .hasValue("image/jpeg");
    }

    @Test
    void aFreePreviewPlaysForAnyoneWhoSeesTheCourseAndADraftForNobodyElse() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Preview", "250.00", "published");
        UUID preview = api.lecture(mentor, course, "Free taster", true);
        UUID paid = api.lecture(mentor, course, "Paid part", false);
        api.uploadAndAwaitReady(preview, Clips.clip(), mentor);
        fixture.jdbc().sql("UPDATE lectures SET status = 'ready', duration_ms = 3000, media_prefix = 'lectures/x' "
                + "WHERE lecture_id = :id").param("id", paid).update();
        TestUser mentee = fixture.mentee();
        String url = api.get("/api/v1/lectures/" + preview + "/playback", mentee.token()).expect(200).text("url");
        assertThat(api.raw(url, Map.of()).statusCode()).isEqualTo(200);
        api.get("/api/v1/lectures/" + paid + "/playback", mentee.token()).expectError(403, "FORBIDDEN");

        UUID draft = api.course(mentor, "Hidden", null, "draft");
        UUID hidden = api.lecture(mentor, draft, "Hidden taster", true);
        api.get("/api/v1/lectures/" + hidden + "/playback", mentee.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/lectures/" + hidden + "/playback", mentor.token()).expectError(409, "CONFLICT");
    }

    @Test
    void aFileThatIsNotAVideoIsRefusedFromItsContentWhateverItsName() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Not video", null, "draft");
        UUID lecture = api.lecture(mentor, course, "Slides instead", false);
        HttpResponse<String> refused = api.upload(lecture, Clips.pdf(), mentor, 1024 * 1024);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(415);
        assertThat(refused.body()).contains("UNSUPPORTED_MEDIA_TYPE", "application/pdf");
        assertThat(api.get("/api/v1/lectures/" + lecture, mentor.token()).text("status")).isEqualTo("awaiting_upload");
    }

    @Test
    void aCorruptVideoFailsWithFfmpegsReasonAndIsAnnounced() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Corrupt", null, "draft");
        UUID lecture = api.lecture(mentor, course, "Truncated", false);
        HttpResponse<String> done = api.upload(lecture, Clips.corrupt(), mentor, 256 * 1024);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        JsonNode failed = api.awaitStatus(lecture, mentor, "failed", Duration.ofSeconds(60));
        assertThat(failed.path("failure_reason").asString()).startsWith("The file could not be read as a video")
            .doesNotContain("/staging", ".upload");
        JsonNode event = await().atMost(Duration.ofSeconds(10))
            .until(() -> fixture.events("LectureFailed", lecture), events -> events.size() == 1).get(0);
        assertThat(event.path("reason").asString()).isEqualTo(failed.path("failure_reason").asString());
        // Others never see why.
        assertThat(api.get("/api/v1/lectures/" + lecture + "/playback", mentor.token()).status()).isEqualTo(409);
    }

    private void assertForbidden(String url) {
        HttpResponse<byte[]> reply = api.raw(url, Map.of());
        assertThat(reply.statusCode()).as(url).isEqualTo(403);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("\"error_code\":\"FORBIDDEN\"");
    }
}
