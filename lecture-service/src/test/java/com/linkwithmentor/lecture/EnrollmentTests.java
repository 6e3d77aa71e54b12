package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.lecture.LectureFixture.TestUser;
import com.linkwithmentor.testsupport.ApiClient.Reply;

import tools.jackson.databind.JsonNode;

/**
 * Enrolling: free at once, paid through payment-service's events (faked here as that service would
 * publish them on {@code events.payments}), the read payment-service makes with its own token, and
 * the refund rule.
 */
class EnrollmentTests {

    private final LectureFixture fixture = LectureFixture.shared();

    private final LectureApi api = fixture.api();

    @Test
    void aFreeCourseEnrollsAtOnceAndEnrollingAgainReturnsTheSameEnrollment() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Free course", null, "published");
        TestUser mentee = fixture.mentee();
        Reply enrolled = api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201);
        assertThat(enrolled.text("status")).isEqualTo("enrolled");
        assertThat(enrolled.body().has("next_action")).isFalse();
        Reply again = api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(200);
        assertThat(again.text("enrollment_id")).isEqualTo(enrolled.text("enrollment_id"));
        assertThat(api.get("/api/v1/courses/" + course + "/enrollment", mentee.token()).text("status")).isEqualTo("enrolled");

        api.post("/api/v1/courses/" + course + "/enroll", null, mentor.token()).expectError(403, "FORBIDDEN");
        String ownAsMentee = fixture.issuer().token(mentor.id(), "mentee").sign();
        api.post("/api/v1/courses/" + course + "/enroll", null, ownAsMentee).expectError(422, "UNPROCESSABLE");
        UUID draft = api.course(mentor, "Not yet", null, "draft");
        api.post("/api/v1/courses/" + draft + "/enroll", null, mentee.token()).expectError(404, "NOT_FOUND");
        // A published course with enrollments is not deleted under its mentees.
        api.delete("/api/v1/courses/" + course, mentor.token()).expectError(409, "CONFLICT");
    }

    @Test
    void aPaidCourseWaitsForPaymentThenEnrollsOnPaymentSucceededAtTheCoursesPrice() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Paid course", "1499.50", "published");
        UUID lecture = api.readyLecture(mentor, course, "Lesson", 60);
        TestUser mentee = fixture.mentee();
        Reply pending = api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201);
        UUID enrollment = pending.id("enrollment_id");
        assertThat(pending.text("status")).isEqualTo("pending_payment");
        assertThat(pending.body().path("price").path("amount").asString()).isEqualTo("1499.50");
        JsonNode next = pending.body().path("next_action");
        assertThat(next.path("method").asString()).isEqualTo("POST");
        assertThat(next.path("path").asString()).isEqualTo("/api/v1/payments/checkout");
        assertThat(next.path("body").path("enrollment_id").asString()).isEqualTo(enrollment.toString());
        assertThat(next.path("body").path("course_id").asString()).isEqualTo(course.toString());
        api.get("/api/v1/lectures/" + lecture + "/playback", mentee.token()).expectError(403, "FORBIDDEN");

        JsonNode requested = await().atMost(Duration.ofSeconds(10))
            .until(() -> fixture.events("EnrollmentRequested", enrollment), events -> events.size() == 1).get(0);
        assertThat(requested.path("mentee_id").asString()).isEqualTo(mentee.id().toString());
        assertThat(requested.path("mentor_id").asString()).isEqualTo(mentor.id().toString());
        assertThat(requested.path("price").path("amount").asString()).isEqualTo("1499.50");
        assertThat(requested.path("price").path("currency").asString()).isEqualTo("INR");

        // A payment of another amount does not enroll; then the real one does; other purposes are not ours.
        paid(enrollment, course, mentee, "1.00");
        fixture.publish("events.payments", "payment-service", "PaymentSucceeded", UUID.randomUUID(),
                Map.of("purpose", "session", "session_id", UUID.randomUUID().toString(), "tx_id", "tx-s", "amount", "5.00",
                        "currency", "INR"));
        paid(enrollment, course, mentee, "1499.50");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/courses/" + course + "/enrollment",
                mentee.token()).text("status").equals("enrolled"));
        api.get("/api/v1/lectures/" + lecture + "/playback", mentee.token()).expect(200);
    }

    @Test
    void paymentServiceReadsAnEnrollmentWithItsOwnTokenAndOnlyWithTheScope() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Readable", "300", "published");
        TestUser mentee = fixture.mentee();
        UUID enrollment = api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201)
            .id("enrollment_id");
        String path = "/api/v1/courses/" + course + "/enrollments/" + enrollment;

        String service = fixture.issuer().serviceToken("payment-service", "lectures:read-courses").sign();
        Reply read = api.get(path, service).expect(200);
        assertThat(read.text("mentee_id")).isEqualTo(mentee.id().toString());
        assertThat(read.text("mentor_id")).isEqualTo(mentor.id().toString());
        assertThat(read.text("status")).isEqualTo("pending_payment");
        assertThat(read.body().path("price").path("amount").asString()).isEqualTo("300.00");

        api.get(path, fixture.issuer().serviceToken("payment-service", "users:read-profiles").sign())
            .expectError(403, "FORBIDDEN");
        api.get("/api/v1/courses/" + course, service).expectError(403, "FORBIDDEN");
        api.get(path, mentee.token()).expect(200);
        api.get(path, mentor.token()).expect(200);
        api.get(path, fixture.mentee().token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/courses/" + UUID.randomUUID() + "/enrollments/" + enrollment, service).expectError(404, "NOT_FOUND");
    }

    @Test
    void aRefundIsGrantedWithinTheWindowWhileLittleIsWatchedAndRefusedAfterwards() {
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Refundable", "800", "published");
        UUID lecture = api.readyLecture(mentor, course, "Long lesson", 100);

        TestUser early = fixture.mentee();
        UUID first = enrollPaid(course, early, "800.00");
        progress(lecture, early, 15, List.of(List.of(0.0, 15.0)));
        Reply refunded = api.post("/api/v1/courses/" + course + "/enrollments/" + first + "/cancel", null, early.token())
            .expect(200);
        assertThat(refunded.text("status")).isEqualTo("cancelled");
        assertThat(refunded.body().path("refund_percent").asInt()).isEqualTo(100);
        JsonNode cancelled = await().atMost(Duration.ofSeconds(10))
            .until(() -> fixture.events("EnrollmentCancelled", first), events -> events.size() == 1).get(0);
        assertThat(cancelled.path("refund_percent").asInt()).isEqualTo(100);
        assertThat(cancelled.path("mentee_id").asString()).isEqualTo(early.id().toString());
        api.get("/api/v1/lectures/" + lecture + "/playback", early.token()).expectError(403, "FORBIDDEN");
        api.post("/api/v1/courses/" + course + "/enrollments/" + first + "/cancel", null, early.token())
            .expectError(409, "CONFLICT");

        TestUser watcher = fixture.mentee();
        UUID second = enrollPaid(course, watcher, "800.00");
        progress(lecture, watcher, 30, List.of(List.of(0.0, 30.0)));
        Reply refused = api.post("/api/v1/courses/" + course + "/enrollments/" + second + "/cancel", null, watcher.token())
            .expectError(422, "UNPROCESSABLE");
        assertThat(refused.body().path("details").path("watched_percent").asInt()).isEqualTo(30);
        api.post("/api/v1/courses/" + course + "/enrollments/" + second + "/cancel", null, fixture.mentee().token())
            .expectError(404, "NOT_FOUND");
    }

    UUID enrollPaid(UUID course, TestUser mentee, String amount) {
        UUID enrollment = api.post("/api/v1/courses/" + course + "/enroll", null, mentee.token()).expect(201)
            .id("enrollment_id");
        paid(enrollment, course, mentee, amount);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/courses/" + course + "/enrollment",
                mentee.token()).text("status").equals("enrolled"));
        return enrollment;
    }

    void paid(UUID enrollment, UUID course, TestUser mentee, String amount) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", "course");
        payload.put("course_id", course.toString());
        payload.put("enrollment_id", enrollment.toString());
        payload.put("payer_id", mentee.id().toString());
        payload.put("tx_id", "tx-" + UUID.randomUUID());
        payload.put("amount", amount);
        payload.put("currency", "INR");
        fixture.publish("events.payments", "payment-service", "PaymentSucceeded", enrollment, payload);
    }

    void progress(UUID lecture, TestUser viewer, double position, List<List<Double>> watched) {
        api.put("/api/v1/lectures/" + lecture + "/progress", Map.of("position_seconds", position, "watched", watched),
                viewer.token()).expect(200);
    }
}
