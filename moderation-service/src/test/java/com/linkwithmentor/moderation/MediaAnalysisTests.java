package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Pictures and video frames through the real service, with the real tesseract and ffmpeg:
 * pictures drawn here with Java2D, clips made here by ffmpeg (its testsrc source and frames with
 * text), files under a media root of the test's own.
 */
@ModerationServiceTest
class MediaAnalysisTests {

    private static final Path MEDIA_ROOT = mediaRoot();

    @DynamicPropertySource
    static void media(DynamicPropertyRegistry registry) {
        registry.add("lwm.storage.local.root", MEDIA_ROOT::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    TestTokens.Person author;

    @BeforeAll
    static void clips() throws Exception {
        // Six seconds of ffmpeg's test pattern, a keyframe every two seconds.
        ffmpeg("-f", "lavfi", "-i", "testsrc=duration=6:size=320x240:rate=10", "-g", "20", "-pix_fmt", "yuv420p",
                MEDIA_ROOT.resolve("lectures/testsrc.mp4").toString());
        // Two seconds each: a clean slide, a scam slide, a clean one again.
        Path frames = Files.createTempDirectory("lwm-slides-");
        ImageIO.write(PictureFixtures.text("Welcome to lecture 3: graphs"), "png", frames.resolve("s1.png").toFile());
        ImageIO.write(PictureFixtures.text("Send 500 rupees and get 5000", "back in one hour, guaranteed"), "png",
                frames.resolve("s2.png").toFile());
        ImageIO.write(PictureFixtures.text("Questions? Ask in the course chat"), "png", frames.resolve("s3.png").toFile());
        ffmpeg("-framerate", "0.5", "-i", frames.resolve("s%d.png").toString(), "-vf", "fps=5,format=yuv420p", "-g", "5",
                MEDIA_ROOT.resolve("lectures/slides.mp4").toString());
        Files.writeString(MEDIA_ROOT.resolve("lectures/notes.txt"), "not a video");
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        author = TestTokens.mentee();
    }

    @Test
    void textInAPictureGoesThroughTheTextPipeline() {
        JsonNode verdict = analyzeImage(PictureFixtures.png(PictureFixtures.text("Earn 5000 per day from home",
                "Send 1000 and get 10000 back"))).expect(200).body();

        assertThat(verdict.path("decision").asString()).isIn("flag", "block");
        assertThat(verdict.path("categories").toString()).contains("spam");
        JsonNode match = verdict.path("matches").get(0);
        assertThat(match.path("stage").asString()).isEqualTo("ocr");
        assertThat(match.path("via").asString()).isNotBlank();
        String ocr = verdict.path("frames").get(0).path("ocr_text").asString();
        assertThat(ocr.toLowerCase()).contains("earn 5000 per day");
        assertThat(ocr.substring(match.path("start").asInt(), match.path("end").asInt())).isNotBlank();
        assertThat(verdict.path("checks").toString()).contains("\"ocr\"", "\"done\"");
        assertThat(jdbc.sql("SELECT content_type FROM moderation_events WHERE event_id = ?::uuid")
            .param(verdict.path("event_id").asString()).query(String.class).single()).isEqualTo("image");
    }

    @Test
    void aCleanPictureIsAllowedAndSaysWhatWasChecked() {
        JsonNode verdict = analyzeImage(PictureFixtures.jpeg(PictureFixtures.text("Binary search on sorted arrays"),
                0.9f)).expect(200).body();

        assertThat(verdict.path("decision").asString()).isEqualTo("allow");
        assertThat(verdict.path("matches")).isEmpty();
        assertThat(verdict.path("frames").get(0).path("pdq").asString()).hasSize(64);
        assertThat(verdict.path("checks").toString()).contains("hash", "ocr");
        assertThat(verdict.has("event_id")).isFalse();
    }

    @Test
    void aKnownBadPictureMatchesByHashEvenResizedAndRecompressed() {
        BufferedImage reupload = PictureFixtures.resized(PictureFixtures.canary(), 480, 360);
        JsonNode verdict = analyzeImage(PictureFixtures.jpeg(reupload, 0.5f)).expect(200).body();

        assertThat(verdict.path("decision").asString()).isEqualTo("block");
        JsonNode match = verdict.path("matches").get(0);
        assertThat(match.path("stage").asString()).isEqualTo("hash");
        assertThat(match.path("hash_label").asString()).contains("canary");
        assertThat(match.path("distance").asInt()).isLessThanOrEqualTo(31);
        assertThat(match.has("start")).isFalse();
    }

    @Test
    void picturesAreJudgedByTheirBytes() {
        // A GIF is a picture, but not one analysed here; text sent as a picture is no picture at all.
        analyzeImage("GIF89a\u0001\u0000\u0001\u0000".getBytes()).expectError(415, "UNSUPPORTED_MEDIA_TYPE");
        analyzeImage("hello, this is not a picture".getBytes()).expectError(415, "UNSUPPORTED_MEDIA_TYPE");
        byte[] truncated = java.util.Arrays.copyOf(PictureFixtures.png(PictureFixtures.canary()), 100);
        analyzeImage(truncated).expectError(422, "UNPROCESSABLE");

        Map<String, Object> notBase64 = Api.analysis(author.id(), "image", "x");
        notBase64.remove("text");
        notBase64.put("image_base64", "%%% not base64 %%%");
        api.post("/api/v1/moderation/analyze", notBase64, author.token()).expectFieldError("image_base64");
        Map<String, Object> missing = Api.analysis(author.id(), "image", "x");
        missing.remove("text");
        api.post("/api/v1/moderation/analyze", missing, author.token()).expectFieldError("image_base64");
        Map<String, Object> both = Api.analysis(author.id(), "image", "some text");
        both.put("image_base64", Base64.getEncoder().encodeToString(PictureFixtures.png(PictureFixtures.canary())));
        api.post("/api/v1/moderation/analyze", both, author.token()).expectFieldError("text");
    }

    @Test
    void videoKeyframesGoThroughThePictureChecks() {
        JsonNode verdict = analyzeVideo("lectures/slides.mp4").expect(200).body();

        assertThat(verdict.path("frames").size()).isBetween(2, 8);
        assertThat(verdict.path("categories").toString()).contains("spam");
        JsonNode match = verdict.path("matches").get(0);
        assertThat(match.path("stage").asString()).isEqualTo("ocr");
        int frame = match.path("frame").asInt();
        assertThat(verdict.path("frames").get(frame).path("ocr_text").asString().toLowerCase()).contains("send 500");
        assertThat(verdict.path("frames").get(0).path("at_seconds").asDouble()).isLessThan(1.0);
    }

    @Test
    void aCleanVideoIsAllowedWithBoundedKeyframes() {
        JsonNode verdict = analyzeVideo("lectures/testsrc.mp4").expect(200).body();

        assertThat(verdict.path("decision").asString()).isEqualTo("allow");
        assertThat(verdict.path("frames").size()).isBetween(1, 8);
        assertThat(verdict.path("frames").get(0).path("width").asInt()).isEqualTo(320);
    }

    @Test
    void storageKeysStayInsideTheStore() {
        analyzeVideo("../../etc/passwd").expectFieldError("storage_key");
        analyzeVideo("/etc/passwd").expectFieldError("storage_key");
        analyzeVideo("lectures/../../outside.mp4").expectFieldError("storage_key");
        analyzeVideo("lectures/missing.mp4").expectError(404, "NOT_FOUND");
        analyzeVideo("lectures/notes.txt").expectError(422, "UNPROCESSABLE");
    }

    @Test
    void audioIsAnsweredHonestlyAsUnsupported() {
        Map<String, Object> audio = Api.analysis(author.id(), "audio", "x");
        audio.remove("text");
        JsonNode verdict = api.post("/api/v1/moderation/analyze", audio, author.token()).expect(200).body();

        assertThat(verdict.path("decision").asString()).isEqualTo("unsupported");
        assertThat(verdict.path("reason").asString()).contains("no offline speech recognition");
        assertThat(verdict.path("checks").get(0).path("status").asString()).isEqualTo("unsupported");
    }

    @Test
    void healthNamesTheMediaTools() {
        JsonNode health = api.get("/actuator/health", null).expect(200).body();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("mediaTools").path("status").asString()).isEqualTo("UP");
    }

    private Api.Reply analyzeImage(byte[] bytes) {
        Map<String, Object> body = Api.analysis(author.id(), "image", "x");
        body.remove("text");
        body.put("image_base64", Base64.getEncoder().encodeToString(bytes));
        return api.post("/api/v1/moderation/analyze", body, author.token());
    }

    private Api.Reply analyzeVideo(String key) {
        Map<String, Object> body = Api.analysis(author.id(), "video", "x");
        body.remove("text");
        body.put("storage_key", key);
        return api.post("/api/v1/moderation/analyze", body, author.token());
    }

    private static void ffmpeg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/ffmpeg", "-v", "error", "-nostdin", "-y"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Path mediaRoot() {
        try {
            Path root = Files.createTempDirectory("lwm-media-");
            Files.createDirectories(root.resolve("lectures"));
            return root;
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
