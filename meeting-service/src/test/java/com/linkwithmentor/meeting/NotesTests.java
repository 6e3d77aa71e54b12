package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;

/** Shared notes both participants edit from the version they read, and private notes nobody else sees. */
class NotesTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @Test
    void sharedNotesAreVersionedAndAStaleWriteIsRefused() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(31, 10), api.slot(31, 11));
        String path = "/api/v1/sessions/" + session + "/notes";
        Api.Reply empty = api.get(path, mentee.token()).expect(200);
        assertThat(empty.body().path("version").asLong()).isZero();
        assertThat(empty.text("content")).isEmpty();
        Api.Reply first = api.put(path, Map.of("content", "Agenda: CV review", "version", 0), mentee.token()).expect(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
        api.put(path, Map.of("content", "Mentor's agenda", "version", 0), mentor.token()).expectError(409, "CONFLICT");
        Api.Reply second = api.call("PUT", path, Map.of("content", "Agenda: CV review, then mock interview"), mentor.token(),
                Map.of("If-Match", first.header("ETag"))).expect(200);
        assertThat(second.body().path("version").asLong()).isEqualTo(2);
        assertThat(second.text("updated_by")).isEqualTo(mentor.id().toString());
        Api.Reply stale = api.call("PUT", path, Map.of("content", "x"), mentee.token(), Map.of("If-Match", "\"1\""))
            .expectError(409, "CONFLICT");
        assertThat(stale.body().path("details").path("current_version").asLong()).isEqualTo(2);
        api.put(path, Map.of("content", "x".repeat(100_001), "version", 2), mentee.token()).expectError(413, "PAYLOAD_TOO_LARGE");
        api.put(path, Map.of("content", "nul\u0000", "version", 2), mentee.token()).expectFieldError("content");
        api.put(path, Map.of("content", "x"), mentee.token()).expectFieldError("version");
        api.put(path, Map.of("version", 2), mentee.token()).expectFieldError("content");
        api.get(path, api.mentee().token()).expectError(404, "NOT_FOUND");
    }

    @Test
    void privateNotesBelongToTheirWriterAlone() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(31, 14), api.slot(31, 15));
        String path = "/api/v1/sessions/" + session + "/notes/private";
        api.put(path, Map.of("content", "ask about salary", "version", 0), mentee.token()).expect(200);
        api.put(path, Map.of("content", "they seem nervous", "version", 0), mentor.token()).expect(200);
        assertThat(api.get(path, mentee.token()).expect(200).text("content")).isEqualTo("ask about salary");
        assertThat(api.get(path, mentor.token()).expect(200).text("content")).isEqualTo("they seem nervous");
        assertThat(api.get("/api/v1/sessions/" + session + "/notes", mentor.token()).expect(200).text("content")).isEmpty();
        api.put(path, Map.of("content", "again", "version", 0), mentee.token()).expectError(409, "CONFLICT");
        api.get(path, api.mentee().token()).expectError(404, "NOT_FOUND");
    }
}
