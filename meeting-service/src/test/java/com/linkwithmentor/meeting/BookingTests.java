package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;

import tools.jackson.databind.JsonNode;

/**
 * Booking a mentor's slot: priced from the mentor's rate, held for payment or scheduled when free,
 * refused when not a slot, repeated safely with an Idempotency-Key, and the mentor looked up at
 * user-service (with meeting-service's own token) only when the local copy does not know them.
 */
class BookingTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @BeforeEach
    void realTime() {
        cluster.clock().reset();
    }

    @Test
    void aPaidBookingIsPricedByTheHourHeldForPaymentAndAnnounced() {
        TestUser mentor = api.availableMentor("1500.00");
        TestUser mentee = api.mentee();
        Instant start = api.slot(4, 9).plus(Duration.ofMinutes(30));
        Api.Reply reply = api.book(mentee, mentor.id(), start, start.plus(Duration.ofMinutes(30))).expect(201);
        assertThat(reply.header("Location")).isEqualTo("/api/v1/sessions/" + reply.text("session_id"));
        assertThat(reply.text("status")).isEqualTo("pending_payment");
        assertThat(reply.text("session_type")).isEqualTo("one_time");
        assertThat(reply.body().path("price").path("amount").asString()).isEqualTo("750.00");
        assertThat(reply.body().path("price").path("currency").asString()).isEqualTo("INR");
        assertThat(reply.body().path("price").has("free")).isFalse();
        Instant hold = Instant.parse(reply.text("hold_expires_at"));
        assertThat(hold).isBetween(cluster.clock().instant().plus(Duration.ofMinutes(14)),
                cluster.clock().instant().plus(Duration.ofMinutes(16)));
        JsonNode next = reply.body().path("next_action");
        assertThat(next.path("type").asString()).isEqualTo("checkout");
        assertThat(next.path("href").asString()).isEqualTo("/api/v1/payments/checkout");
        assertThat(next.path("body").path("session_id").asString()).isEqualTo(reply.text("session_id"));

        JsonNode event = await().atMost(Duration.ofSeconds(10))
            .until(() -> cluster.meetingEvents(reply.text("session_id")), events -> !events.isEmpty()).get(0);
        assertThat(event.path("type").asString()).isEqualTo("SessionBooked");
        assertThat(event.path("producer").asString()).isEqualTo("meeting-service");
        JsonNode payload = event.path("payload");
        assertThat(payload.path("session_id").asString()).isEqualTo(reply.text("session_id"));
        assertThat(payload.path("mentor_id").asString()).isEqualTo(mentor.id().toString());
        assertThat(payload.path("mentee_id").asString()).isEqualTo(mentee.id().toString());
        assertThat(payload.path("status").asString()).isEqualTo("pending_payment");
        assertThat(payload.path("price").path("amount").asString()).isEqualTo("750.00");
        assertThat(payload.path("scheduled_start").asString()).isEqualTo(start.toString());
        assertThat(payload.path("hold_expires_at").asString()).isNotBlank();
        assertThat(payload.has("series_id")).isTrue();
    }

    @Test
    void aFreeSessionIsScheduledAtOnce() {
        TestUser mentor = api.availableMentor(null);
        Api.Reply reply = api.book(api.mentee(), mentor.id(), api.slot(4, 10), api.slot(4, 11)).expect(201);
        assertThat(reply.text("status")).isEqualTo("scheduled");
        assertThat(reply.body().path("price").path("amount").asString()).isEqualTo("0.00");
        assertThat(reply.body().path("next_action").isNull()).isTrue();
        assertThat(reply.body().path("hold_expires_at").isNull()).isTrue();
    }

    @Test
    void onlyTheMentorsSlotsCanBeBooked() {
        TestUser mentor = api.mentor("1000.00");
        api.publish(mentor, Api.with(Api.with(Api.availability("UTC", List.of(Api.window("MON", "09:00", "12:00"),
                Api.window("TUE", "09:00", "12:00"), Api.window("WED", "09:00", "12:00"), Api.window("THU", "09:00", "12:00"),
                Api.window("FRI", "09:00", "12:00"), Api.window("SAT", "09:00", "12:00"), Api.window("SUN", "09:00", "12:00"))),
                "min_notice_minutes", 1440), "horizon_days", 60)).expect(200);
        TestUser mentee = api.mentee();
        api.book(mentee, mentor.id(), api.slot(3, 9).plusSeconds(600), api.slot(3, 10).plusSeconds(600))
            .expectError(422, "UNPROCESSABLE");
        Api.Reply outside = api.book(mentee, mentor.id(), api.slot(3, 13), api.slot(3, 14)).expectError(422, "UNPROCESSABLE");
        assertThat(outside.body().path("details").path("reason").asString()).isEqualTo("not_a_slot");
        Api.Reply length = api.book(mentee, mentor.id(), api.slot(3, 9), api.slot(3, 9).plusSeconds(45 * 60))
            .expectError(422, "UNPROCESSABLE");
        assertThat(length.body().path("details").path("reason").asString()).isEqualTo("length_not_offered");
        Api.Reply soon = api.book(mentee, mentor.id(), api.slot(1, 9), api.slot(1, 10));
        if (Duration.between(cluster.clock().instant(), api.slot(1, 9)).toHours() < 24) {
            soon.expectError(422, "UNPROCESSABLE");
            assertThat(soon.body().path("details").path("reason").asString()).isEqualTo("too_soon");
        }
        Api.Reply far = api.book(mentee, mentor.id(), api.slot(70, 9), api.slot(70, 10)).expectError(422, "UNPROCESSABLE");
        assertThat(far.body().path("details").path("reason").asString()).isEqualTo("too_far");
        api.book(mentee, mentor.id(), api.slot(3, 9), api.slot(3, 10)).expect(201);
    }

    @Test
    void badBookingsAreA400NamingTheField() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        Instant start = api.slot(3, 9);
        api.book(mentee, mentor.id(), start, start).expectFieldError("scheduled_end");
        api.book(mentee, mentor.id(), start, start.minusSeconds(3600)).expectFieldError("scheduled_end");
        api.book(mentee, mentor.id(), Instant.parse("2020-01-01T09:00:00Z"), Instant.parse("2020-01-01T10:00:00Z"))
            .expectFieldError("scheduled_start");
        Map<String, Object> body = new java.util.LinkedHashMap<>(Api.booking(mentor.id(), start, start.plusSeconds(3600)));
        body.put("scheduled_start", "+1000000000-01-01T00:00:00Z");
        api.post("/api/v1/sessions", body, mentee.token()).expectError(400, "VALIDATION_ERROR");
        body.put("scheduled_start", "tomorrow");
        api.post("/api/v1/sessions", body, mentee.token()).expectFieldError("scheduled_start");
        body.put("scheduled_start", start.toString());
        body.put("title", "nul\u0000title");
        api.post("/api/v1/sessions", body, mentee.token()).expectFieldError("title");
        body.put("title", "lone " + Api.LONE_SURROGATE + " surrogate");
        api.post("/api/v1/sessions", api.jsonWithEscapes(body), mentee.token()).expectFieldError("title");
        body.put("title", " ");
        api.post("/api/v1/sessions", body, mentee.token()).expectFieldError("title");
        body.put("title", "ok");
        body.put("mentor_id", "not-a-uuid");
        api.post("/api/v1/sessions", body, mentee.token()).expectFieldError("mentor_id");
        body.remove("mentor_id");
        api.post("/api/v1/sessions", body, mentee.token()).expectFieldError("mentor_id");
        body.put("mentor_id", mentee.id().toString());
        api.post("/api/v1/sessions", body, mentee.token()).expectFieldError("mentor_id");
        api.post("/api/v1/sessions", "{\"mentor_id\":", mentee.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/sessions", Api.booking(mentor.id(), start, start.plusSeconds(3600)), null).expectError(401, "UNAUTHORIZED");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameSessionAndAnotherBodyUnderItIsRefused() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        Map<String, Object> body = Api.booking(mentor.id(), api.slot(5, 15), api.slot(5, 16));
        Map<String, String> key = Map.of("Idempotency-Key", "book-" + UUID.randomUUID());
        Api.Reply first = api.call("POST", "/api/v1/sessions", body, mentee.token(), key).expect(201);
        Api.Reply again = cluster.api(1).call("POST", "/api/v1/sessions", body, mentee.token(), key).expect(201);
        assertThat(again.text("session_id")).isEqualTo(first.text("session_id"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(cluster.jdbc().sql("SELECT count(*) FROM sessions WHERE mentee_id = ?").param(mentee.id())
            .query(Integer.class).single()).isEqualTo(1);
        api.call("POST", "/api/v1/sessions", Api.with(body, "title", "Other"), mentee.token(), key)
            .expectError(422, "UNPROCESSABLE");
        api.call("POST", "/api/v1/sessions", body, mentee.token(), Map.of("Idempotency-Key", "has spaces"))
            .expectFieldError("Idempotency-Key");
        // Without a key the same body is a second booking of the same time: the mentee is already busy then.
        Api.Reply twice = api.post("/api/v1/sessions", body, mentee.token()).expectError(409, "CONFLICT");
        assertThat(twice.body().path("details").path("conflict").asString()).isIn("mentor_busy", "mentee_busy");
    }

    @Test
    void aMenteeCannotBeInTwoSessionsAtOnceEvenWithDifferentMentors() {
        TestUser first = api.availableMentor("1000.00");
        TestUser second = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        api.book(mentee, first.id(), api.slot(6, 10), api.slot(6, 11)).expect(201);
        Api.Reply clash = api.book(mentee, second.id(), api.slot(6, 10).plusSeconds(1800), api.slot(6, 11).plusSeconds(1800))
            .expectError(409, "CONFLICT");
        assertThat(clash.body().path("details").path("conflict").asString()).isEqualTo("mentee_busy");
        assertThat(clash.body().path("details").path("constraint").asString()).isEqualTo("sessions_mentee_free");
        assertThat(clash.text("message")).isEqualTo("You already have a session at that time");
        api.book(mentee, second.id(), api.slot(6, 11), api.slot(6, 12)).expect(201);
    }

    @Test
    void someoneMentoringAtATimeCannotBookThemselvesAsAMenteeThenNorBeBookedAsAMentorWhileBooked() {
        TestUser both = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        api.book(mentee, both.id(), api.slot(16, 10), api.slot(16, 11)).expect(201);
        TestUser other = api.availableMentor("1000.00");
        Api.Reply clash = api.post("/api/v1/sessions", Api.booking(other.id(), api.slot(16, 10), api.slot(16, 11)),
                both.otherRoleToken()).expectError(409, "CONFLICT");
        assertThat(clash.body().path("details").path("conflict").asString()).isEqualTo("in_another_role");
        api.post("/api/v1/sessions", Api.booking(other.id(), api.slot(16, 12), api.slot(16, 13)), both.otherRoleToken())
            .expect(201);
        Api.Reply booked = api.book(api.mentee(), both.id(), api.slot(16, 12), api.slot(16, 13)).expectError(409, "CONFLICT");
        assertThat(booked.body().path("details").path("conflict").asString()).isEqualTo("in_another_role");
    }

    @Test
    void theMentorsBuffersKeepTheNextBookingAway() {
        TestUser mentor = api.mentor("1000.00");
        api.publish(mentor, Api.with(Api.with(Api.allDayUtc(), "buffer_before_minutes", 15), "buffer_after_minutes", 15))
            .expect(200);
        api.book(api.mentee(), mentor.id(), api.slot(7, 10), api.slot(7, 11)).expect(201);
        Api.Reply tooClose = api.book(api.mentee(), mentor.id(), api.slot(7, 11), api.slot(7, 12)).expectError(409, "CONFLICT");
        assertThat(tooClose.body().path("details").path("conflict").asString()).isEqualTo("mentor_busy");
        assertThat(tooClose.text("message")).contains("buffers");
        api.book(api.mentee(), mentor.id(), api.slot(7, 11).plusSeconds(1800), api.slot(7, 12).plusSeconds(1800)).expect(201);
    }

    @Test
    void theDatabaseItselfRefusesADoubleBookingWhateverWritesIt() {
        TestUser mentor = api.availableMentor(null);
        UUID booked = api.booked(api.mentee(), mentor.id(), api.slot(8, 10), api.slot(8, 11));
        assertThat(booked).isNotNull();
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> cluster.jdbc().sql("""
                INSERT INTO sessions (session_id, mentor_id, mentee_id, title, session_type, origin, status, scheduled_start,
                    scheduled_end, buffer_before_minutes, buffer_after_minutes, blocked_from, blocked_until, price_amount,
                    price_currency, created_at, updated_at)
                VALUES (gen_random_uuid(), ?, gen_random_uuid(), 'sneaky', 'one_time', 'booked', 'scheduled', ?, ?, 0, 0, ?, ?, 0,
                    'INR', now(), now())
                """).params(mentor.id(), java.sql.Timestamp.from(api.slot(8, 10).plusSeconds(900)),
                java.sql.Timestamp.from(api.slot(8, 11).plusSeconds(900)), java.sql.Timestamp.from(api.slot(8, 10).plusSeconds(900)),
                java.sql.Timestamp.from(api.slot(8, 11).plusSeconds(900))).update());
        assertThat(refused).hasMessageContaining("sessions_mentor_free");
        assertThat(com.linkwithmentor.meeting.web.DatabaseRefusals.of(refused).orElseThrow().sqlState()).isEqualTo("23P01");
        // A cancelled session no longer holds its time, so the same insert as a cancelled row is accepted.
        assertThat(cluster.jdbc().sql("""
                INSERT INTO sessions (session_id, mentor_id, mentee_id, title, session_type, origin, status, scheduled_start,
                    scheduled_end, buffer_before_minutes, buffer_after_minutes, blocked_from, blocked_until, price_amount,
                    price_currency, created_at, updated_at)
                VALUES (gen_random_uuid(), ?, gen_random_uuid(), 'old', 'one_time', 'booked', 'cancelled', ?, ?, 0, 0, ?, ?, 0,
                    'INR', now(), now())
                """).params(mentor.id(), java.sql.Timestamp.from(api.slot(8, 10)), java.sql.Timestamp.from(api.slot(8, 11)),
                java.sql.Timestamp.from(api.slot(8, 10)), java.sql.Timestamp.from(api.slot(8, 11))).update()).isEqualTo(1);
    }

    @Test
    void anUnknownMentorIsAskedOfUserServiceOnceWithMeetingsOwnTokenAndThenKnown() {
        TestUser mentor = api.availableMentor("900.00");
        int before = cluster.users().calls();
        api.book(api.mentee(), mentor.id(), api.slot(9, 10), api.slot(9, 11)).expect(201);
        assertThat(cluster.users().calls()).isEqualTo(before + 1);
        api.book(api.mentee(), mentor.id(), api.slot(9, 12), api.slot(9, 13)).expect(201);
        assertThat(cluster.users().calls()).isEqualTo(before + 1);
        assertThat(cluster.jdbc().sql("SELECT hourly_rate FROM directory_users WHERE user_id = ?").param(mentor.id())
            .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("900.00");
    }

    @Test
    void aMentorUserServiceDoesNotKnowIsNotFoundOneNotAcceptingIsAConflictAndAnOutageIsA503() {
        TestUser stranger = cluster.user("mentor");
        api.publish(stranger, Api.allDayUtc()).expect(200);
        api.book(api.mentee(), stranger.id(), api.slot(3, 10), api.slot(3, 11)).expectError(404, "NOT_FOUND");

        TestUser busy = cluster.user("mentor");
        cluster.users().mentor(busy.id(), "1000.00", "INR", false);
        api.publish(busy, Api.allDayUtc()).expect(200);
        Api.Reply closed = api.book(api.mentee(), busy.id(), api.slot(3, 10), api.slot(3, 11)).expectError(409, "CONFLICT");
        assertThat(closed.body().path("details").path("reason").asString()).isEqualTo("not_accepting_mentees");

        TestUser later = cluster.user("mentor");
        cluster.users().mentor(later.id(), "1000.00", "INR", true);
        api.publish(later, Api.allDayUtc()).expect(200);
        cluster.users().down(true);
        try {
            api.book(api.mentee(), later.id(), api.slot(3, 10), api.slot(3, 11)).expectError(503, "SERVICE_UNAVAILABLE");
        }
        finally {
            cluster.users().down(false);
        }
    }

    @Test
    void theLocalCopyFollowsEventsUsers() {
        TestUser mentor = cluster.user("mentor");
        api.publish(mentor, Api.allDayUtc()).expect(200);
        cluster.publish("events.users", "user-service", "UserRegistered", mentor.id(), Map.of("user_id", mentor.id().toString(),
                "username", "asha", "roles", List.of("mentee", "mentor")));
        cluster.publish("events.users", "user-service", "MentorProfileUpdated", mentor.id(), Map.of("user_id",
                mentor.id().toString(), "username", "asha", "hourly_rate", "2000.00", "currency", "USD", "is_accepting_mentees",
                true, "specializations", List.of("go"), "unknown_field", Map.of("x", 1)));
        awaitDirectory(mentor.id(), "profile_known");
        int calls = cluster.users().calls();
        Api.Reply booked = api.book(api.mentee(), mentor.id(), api.slot(10, 10), api.slot(10, 11)).expect(201);
        assertThat(booked.body().path("price").path("amount").asString()).isEqualTo("2000.00");
        assertThat(booked.body().path("price").path("currency").asString()).isEqualTo("USD");
        assertThat(cluster.users().calls()).isEqualTo(calls);

        cluster.publish("events.users", "user-service", "RoleDisabled", mentor.id(), Map.of("user_id", mentor.id().toString(),
                "role", "mentor"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.jdbc().sql(
                "SELECT is_mentor FROM directory_users WHERE user_id = ?").param(mentor.id()).query(Boolean.class).single());
        api.book(api.mentee(), mentor.id(), api.slot(10, 12), api.slot(10, 13)).expectError(404, "NOT_FOUND");
        cluster.publish("events.users", "user-service", "SomethingNew", mentor.id(), Map.of("user_id", mentor.id().toString()));
        cluster.publish("events.users", "user-service", "RoleEnabled", mentor.id(), Map.of("user_id", mentor.id().toString(),
                "role", "mentor"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.jdbc().sql(
                "SELECT is_mentor FROM directory_users WHERE user_id = ?").param(mentor.id()).query(Boolean.class).single());
        api.book(api.mentee(), mentor.id(), api.slot(10, 12), api.slot(10, 13)).expect(201);
    }

    private void awaitDirectory(UUID user, String column) {
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.jdbc().sql("SELECT " + column
                + " FROM directory_users WHERE user_id = ?").param(user).query(Boolean.class).optional().orElse(false));
    }

    @Test
    void onlyAnActiveMenteeBooks() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser person = api.mentee();
        Api.Reply asMentor = api.post("/api/v1/sessions", Api.booking(mentor.id(), api.slot(3, 10), api.slot(3, 11)),
                person.otherRoleToken()).expectError(400, "VALIDATION_ERROR");
        assertThat(asMentor.body().path("details").path("field").asString()).isEqualTo("mentee_id");
        String service = cluster.issuer().serviceToken("payment-service", "meetings:read-sessions").sign();
        api.post("/api/v1/sessions", Api.booking(mentor.id(), api.slot(3, 10), api.slot(3, 11)), service)
            .expectError(403, "FORBIDDEN");
    }
}
