package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;

/** Materials: uploaded as multipart, typed by their bytes (not their name), bounded, downloaded by participants only. */
class MaterialsTests {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0,
            0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

    private static final byte[] ELF = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0 };

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    private Api.Reply upload(UUID session, TestUser user, String filename, String declaredType, byte[] content) {
        String boundary = "----lwm" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.newBuilder(URI.create(api.url("/api/v1/sessions/" + session + "/materials")))
            .header("Authorization", "Bearer " + user.token())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    @Test
    void aParticipantUploadsAFileTypedByItsContentAndTheOtherDownloadsIt() throws Exception {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(32, 10), api.slot(32, 11));
        Api.Reply uploaded = upload(session, mentor, "../../etc/slides.txt", "text/plain", PDF).expect(201);
        assertThat(uploaded.text("content_type")).isEqualTo("application/pdf");
        assertThat(uploaded.text("filename")).isEqualTo("slides.txt");
        assertThat(uploaded.body().path("size_bytes").asLong()).isEqualTo(PDF.length);
        upload(session, mentee, "pixel.pdf", "application/pdf", PNG).expect(201);
        assertThat(api.get("/api/v1/sessions/" + session + "/materials", mentee.token()).expect(200).body()).hasSize(2);

        java.net.http.HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.url(uploaded.text("href")))).header("Authorization", "Bearer " + mentee.token()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", "slides.txt");
        assertThat(download.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");

        api.delete(uploaded.text("href"), mentee.token()).expectError(403, "FORBIDDEN");
        api.delete(uploaded.text("href"), mentor.token()).expect(204);
        api.get(uploaded.text("href"), mentee.token()).expectError(404, "NOT_FOUND");
    }

    @Test
    void whatIsNotAnAcceptedKindTooLargeMalformedOrSomeoneElsesIsRefused() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(32, 13), api.slot(32, 14));
        Api.Reply executable = upload(session, mentee, "notes.pdf", "application/pdf", ELF)
            .expectError(415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(executable.body().path("details").path("detected_type").asString()).isNotEqualTo("application/pdf");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        upload(session, mentee, "big.pdf", "application/pdf", big).expectError(413, "PAYLOAD_TOO_LARGE");
        upload(session, mentee, "empty.pdf", "application/pdf", new byte[0]).expectFieldError("file");
        upload(session, api.mentee(), "x.pdf", "application/pdf", PDF).expectError(404, "NOT_FOUND");
        // A NUL in the part's header is refused while the body is parsed, as a malformed body.
        upload(session, mentee, "nul\u0000.pdf", "application/pdf", PDF).expectError(400, "VALIDATION_ERROR");
        Api.Reply malformed = api.send(HttpRequest.newBuilder(URI.create(api.url("/api/v1/sessions/" + session + "/materials")))
            .header("Authorization", "Bearer " + mentee.token())
            .header("Content-Type", "multipart/form-data; boundary=nothing-like-this")
            .POST(HttpRequest.BodyPublishers.ofString("--garbage\r\nno headers here")));
        malformed.expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/sessions/" + session + "/materials", "{}", mentee.token()).expectError(415, "UNSUPPORTED_MEDIA_TYPE");
    }
}
