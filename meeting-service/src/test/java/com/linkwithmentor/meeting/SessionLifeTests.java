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
 * A session's life end to end: payment-service is faked only by adding its events to
 * {@code events.payments} as its outbox relay would; signaling and moderation likewise. The
 * service's clock is moved to reach holds, start windows and the sweeper's deadlines.
 */
class SessionLifeTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @BeforeEach
    void realTime() {
        cluster.clock().reset();
    }

    private String status(UUID session) {
        return cluster.jdbc().sql("SELECT status FROM sessions WHERE session_id = ?").param(session).query(String.class).single();
    }

    private List<String> types(UUID session, int atLeast) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> cluster.meetingEvents(session).stream()
            .map(event -> event.path("type").asString()).toList(), list -> list.size() >= atLeast);
    }

    private JsonNode event(UUID session, String type) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> cluster.meetingEvents(session).stream()
            .filter(event -> event.path("type").asString().equals(type)).findFirst().orElse(null), java.util.Objects::nonNull)
            .path("payload");
    }

    private void escrowHeld(UUID session) {
        cluster.publish("events.payments", "payment-service", "EscrowHeld", session, Map.of("session_id", session.toString(),
                "tx_id", UUID.randomUUID().toString(), "amount", "1000.00", "currency", "INR", "gateway_ref", "sbx_1"));
    }

    @Test
    void escrowHeldSchedulesTheSessionAndADuplicateChangesNothing() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(5, 10), api.slot(5, 11));
        escrowHeld(session);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(session).equals("scheduled"));
        assertThat(event(session, "SessionConfirmed").path("mentee_id").asString()).isEqualTo(mentee.id().toString());
        escrowHeld(session);
        cluster.publish("events.payments", "payment-service", "PaymentSucceeded", session, Map.of("purpose", "session",
                "session_id", session.toString(), "payer_id", mentee.id().toString(), "tx_id", "t", "amount", "1000.00",
                "currency", "INR"));
        UUID later = api.booked(mentee, mentor.id(), api.slot(5, 14), api.slot(5, 15));
        escrowHeld(later);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(later).equals("scheduled"));
        assertThat(types(session, 2)).containsExactly("SessionBooked", "SessionConfirmed");
        Api.Reply read = api.session(session, mentee.token()).expect(200);
        assertThat(read.body().path("next_action").isNull()).isTrue();
    }

    @Test
    void aFailedPaymentOrALapsedHoldExpiresTheSessionAndFreesTheSlot() {
        TestUser mentor = api.availableMentor("1000.00");
        UUID failed = api.booked(api.mentee(), mentor.id(), api.slot(6, 10), api.slot(6, 11));
        cluster.publish("events.payments", "payment-service", "PaymentFailed", failed, Map.of("purpose", "session",
                "session_id", failed.toString(), "tx_id", "t1", "reason", "declined"));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(failed).equals("expired"));
        assertThat(event(failed, "SessionExpired").path("reason").asString()).isEqualTo("payment_failed");

        UUID lapsing = api.booked(api.mentee(), mentor.id(), api.slot(6, 12), api.slot(6, 13));
        Api.Reply taken = api.book(api.mentee(), mentor.id(), api.slot(6, 12), api.slot(6, 13)).expectError(409, "CONFLICT");
        assertThat(taken.body().path("details").path("conflict").asString()).isEqualTo("mentor_busy");
        cluster.clock().advance(Duration.ofMinutes(16));
        // The next booking of the slot ends the lapsed hold itself; the sweeper would soon anyway.
        api.book(api.mentee(), mentor.id(), api.slot(6, 12), api.slot(6, 13)).expect(201);
        assertThat(status(lapsing)).isEqualTo("expired");
        assertThat(event(lapsing, "SessionExpired").path("reason").asString()).isEqualTo("payment_timeout");

        UUID swept = api.booked(api.mentee(), mentor.id(), api.slot(6, 15), api.slot(6, 16));
        cluster.clock().advance(Duration.ofMinutes(16));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(swept).equals("expired"));
        // A payment that lands after the hold ran out cannot be kept: cancelled by the platform, refunded in full.
        escrowHeld(swept);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(swept).equals("cancelled"));
        JsonNode cancelled = event(swept, "SessionCancelled");
        assertThat(cancelled.path("refund_percent").asInt()).isEqualTo(100);
        assertThat(cancelled.path("was_paid").asBoolean()).isTrue();
        assertThat(cancelled.path("cancelled_by_role").asString()).isEqualTo("system");
        assertThat(cancelled.path("cancelled_by").isNull()).isTrue();
    }

    @Test
    void aSessionRunsFromStartToTheMentorsCompletion() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        Instant start = api.slot(3, 10);
        UUID session = api.booked(mentee, mentor.id(), start, start.plus(Duration.ofHours(1)));
        Api.Reply early = api.action(session, "start", null, mentee.token()).expectError(409, "CONFLICT");
        assertThat(early.body().path("details").path("opens_at").asString()).isEqualTo(start.minus(Duration.ofMinutes(10)).toString());
        cluster.clock().set(start.minus(Duration.ofMinutes(5)));
        api.action(session, "start", null, mentee.otherRoleToken()).expectError(403, "FORBIDDEN");
        Api.Reply started = api.action(session, "start", null, mentee.token()).expect(200);
        assertThat(started.text("status")).isEqualTo("in_progress");
        assertThat(started.text("actual_start")).isEqualTo(start.minus(Duration.ofMinutes(5)).toString());
        api.action(session, "start", null, mentor.token()).expect(200);
        api.action(session, "complete", null, mentee.token()).expectError(403, "FORBIDDEN");
        cluster.clock().set(start.plus(Duration.ofMinutes(55)));
        Api.Reply done = api.action(session, "complete", null, mentor.token()).expect(200);
        assertThat(done.text("status")).isEqualTo("completed");
        JsonNode completed = event(session, "SessionCompleted");
        assertThat(completed.path("actual_start").asString()).isEqualTo(start.minus(Duration.ofMinutes(5)).toString());
        assertThat(completed.path("actual_end").asString()).isEqualTo(start.plus(Duration.ofMinutes(55)).toString());
        assertThat(types(session, 3)).containsExactly("SessionBooked", "SessionStarted", "SessionCompleted");
        api.action(session, "cancel", Map.of("reason", "late"), mentee.token()).expectError(409, "CONFLICT");
    }

    @Test
    void aCallStartingStartsTheSessionAndTheSweeperCompletesItWhenBothJoined() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        Instant start = api.slot(3, 16);
        UUID session = api.booked(mentee, mentor.id(), start, start.plus(Duration.ofHours(1)));
        cluster.clock().set(start.plusSeconds(30));
        cluster.publish("events.signaling", "signaling-service", "CallStarted", UUID.randomUUID(), Map.of("call_id",
                UUID.randomUUID().toString(), "session_id", session.toString(), "participant_ids",
                List.of(mentor.id().toString(), mentee.id().toString()), "started_at", start.plusSeconds(20).toString()));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(session).equals("in_progress"));
        assertThat(event(session, "SessionStarted").path("actual_start").asString()).isEqualTo(start.plusSeconds(20).toString());
        cluster.clock().set(start.plus(Duration.ofMinutes(76)));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(session).equals("completed"));
        assertThat(event(session, "SessionCompleted").path("actual_end").asString())
            .isEqualTo(start.plus(Duration.ofHours(1)).toString());
    }

    @Test
    void theParticipantWhoWaitedReportsANoShow() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        Instant start = api.slot(3, 19);
        UUID session = api.booked(mentee, mentor.id(), start, start.plus(Duration.ofHours(1)));
        cluster.clock().set(start.plus(Duration.ofMinutes(2)));
        api.action(session, "start", null, mentee.token()).expect(200);
        api.action(session, "no-show", null, mentee.token()).expectError(409, "CONFLICT");
        cluster.clock().set(start.plus(Duration.ofMinutes(12)));
        api.action(session, "no-show", null, mentor.token()).expectError(409, "CONFLICT");
        Api.Reply reported = api.action(session, "no-show", null, mentee.token()).expect(200);
        assertThat(reported.text("status")).isEqualTo("no_show");
        assertThat(reported.body().path("no_show").path("no_show_party").asString()).isEqualTo("mentor");
        JsonNode noShow = event(session, "SessionNoShow");
        assertThat(noShow.path("no_show_party").asString()).isEqualTo("mentor");
        assertThat(noShow.path("reported_by").asString()).isEqualTo(mentee.id().toString());
    }

    @Test
    void cancellingRefundsByThePolicyWhichTheAnswerAndTheEventCarry() throws Exception {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        Instant noon = api.slot(10, 12);
        Instant two = api.slot(10, 14);
        UUID farAhead = api.booked(mentee, mentor.id(), api.slot(10, 10), api.slot(10, 11));
        UUID soon = api.booked(mentee, mentor.id(), noon, api.slot(10, 13));
        UUID last = api.booked(mentee, mentor.id(), two, api.slot(10, 15));
        UUID byMentor = api.booked(mentee, mentor.id(), api.slot(10, 16), api.slot(10, 17));
        for (UUID session : List.of(farAhead, soon, last, byMentor)) {
            escrowHeld(session);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> List.of(farAhead, soon, last, byMentor).stream()
            .allMatch(session -> status(session).equals("scheduled")));

        Api.Reply full = api.action(farAhead, "cancel", Map.of("reason", "exam moved"), mentee.token()).expect(200);
        assertThat(full.body().path("refund").path("percent").asInt()).isEqualTo(100);
        assertThat(full.body().path("refund").path("was_paid").asBoolean()).isTrue();
        assertThat(full.body().path("refund").path("policy")).hasSize(3);
        assertThat(full.body().path("session").path("cancellation").path("reason").asString()).isEqualTo("exam moved");

        cluster.clock().set(noon.minus(Duration.ofHours(3)));
        // what cancelling would give, asked first, changes nothing; it is only the participants' to ask
        Api.Reply quote = api.call("GET", "/api/v1/sessions/" + soon + "/refund-quote", null, mentee.token(), Map.of())
            .expect(200);
        assertThat(quote.body().path("percent").asInt()).isEqualTo(50);
        assertThat(quote.body().path("notice_minutes").asLong()).isEqualTo(180);
        assertThat(quote.body().path("policy")).hasSize(3);
        assertThat(status(soon)).isEqualTo("scheduled");
        // a quote only reads: it answers while another transaction holds the session's row lock
        try (java.sql.Connection locker = cluster.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = locker.prepareStatement("SELECT 1 FROM sessions WHERE session_id = ? FOR UPDATE")) {
                lock.setObject(1, soon);
                lock.executeQuery().close();
            }
            java.util.concurrent.CompletableFuture<Api.Reply> whileLocked = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api.call("GET", "/api/v1/sessions/" + soon + "/refund-quote", null, mentee.token(), Map.of()));
            try {
                assertThat(whileLocked.get(10, java.util.concurrent.TimeUnit.SECONDS).expect(200).body().path("percent").asInt())
                    .isEqualTo(50);
            }
            finally {
                locker.rollback();
            }
        }
        api.call("GET", "/api/v1/sessions/" + soon + "/refund-quote", null, api.mentee().token(), Map.of())
            .expectError(404, "NOT_FOUND");
        assertThat(api.call("GET", "/api/v1/sessions/" + soon + "/refund-quote", null, mentor.token(), Map.of())
            .expect(200).body().path("percent").asInt()).isEqualTo(100);
        Api.Reply half = api.action(soon, "cancel", null, mentee.token()).expect(200);
        assertThat(half.body().path("refund").path("percent").asInt()).isEqualTo(50);
        assertThat(half.body().path("refund").path("rule").path("min_notice_minutes").asInt()).isEqualTo(120);

        cluster.clock().set(two.minus(Duration.ofMinutes(30)));
        assertThat(api.action(last, "cancel", Map.of("reason", "traffic"), mentee.token()).expect(200).body().path("refund")
            .path("percent").asInt()).isZero();
        Api.Reply mentors = api.action(byMentor, "cancel", Map.of("reason", "ill"), mentor.token()).expect(200);
        assertThat(mentors.body().path("refund").path("percent").asInt()).isEqualTo(100);
        assertThat(mentors.body().path("refund").path("cancelled_by_role").asString()).isEqualTo("mentor");

        JsonNode event = event(soon, "SessionCancelled");
        assertThat(event.path("refund_percent").asInt()).isEqualTo(50);
        assertThat(event.path("cancelled_by").asString()).isEqualTo(mentee.id().toString());
        assertThat(event.path("cancelled_by_role").asString()).isEqualTo("mentee");
        assertThat(event.path("was_paid").asBoolean()).isTrue();
        assertThat(event.path("reason").asString()).isEqualTo("Cancelled by the mentee");
        assertThat(event(byMentor, "SessionCancelled").path("refund_percent").asInt()).isEqualTo(100);
        api.action(farAhead, "cancel", null, mentee.token()).expectError(409, "CONFLICT");
        api.call("GET", "/api/v1/sessions/" + farAhead + "/refund-quote", null, mentee.token(), Map.of())
            .expectError(409, "CONFLICT");
        api.action(farAhead, "cancel", Map.of("reason", "x".repeat(501)), mentee.token()).expectFieldError("reason");
        api.action(farAhead, "cancel", Map.of("scope", "everything"), mentee.token()).expectFieldError("scope");
    }

    @Test
    void aSessionMovesToAnotherFreeSlotTwiceAtMostKeepingItsPayment() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(8, 10), api.slot(8, 11));
        escrowHeld(session);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(session).equals("scheduled"));
        api.book(api.mentee(), mentor.id(), api.slot(9, 10), api.slot(9, 11)).expect(201);
        Api.Reply clash = api.action(session, "reschedule", Map.of("scheduled_start", api.slot(9, 10).toString(),
                "scheduled_end", api.slot(9, 11).toString()), mentee.token()).expectError(409, "CONFLICT");
        assertThat(clash.body().path("details").path("conflict").asString()).isEqualTo("mentor_busy");
        api.action(session, "reschedule", Map.of("scheduled_start", api.slot(9, 12).toString(), "scheduled_end",
                api.slot(9, 12).plusSeconds(1800).toString()), mentee.token()).expectFieldError("scheduled_end");
        Api.Reply moved = api.action(session, "reschedule", Map.of("scheduled_start", api.slot(9, 12).toString(),
                "scheduled_end", api.slot(9, 13).toString()), mentee.token()).expect(200);
        assertThat(moved.text("status")).isEqualTo("scheduled");
        assertThat(moved.body().path("reschedule_count").asInt()).isEqualTo(1);
        api.action(session, "reschedule", Map.of("scheduled_start", api.slot(9, 14).toString(), "scheduled_end",
                api.slot(9, 15).toString()), mentor.token()).expect(200);
        Api.Reply third = api.action(session, "reschedule", Map.of("scheduled_start", api.slot(9, 16).toString(),
                "scheduled_end", api.slot(9, 17).toString()), mentee.token()).expectError(409, "CONFLICT");
        assertThat(third.body().path("details").path("reason").asString()).isEqualTo("reschedule_limit");
        JsonNode rescheduled = event(session, "SessionRescheduled");
        assertThat(rescheduled.path("reschedule_count").asInt()).isEqualTo(1);
        assertThat(rescheduled.path("scheduled_start").asString()).isEqualTo(api.slot(9, 12).toString());
        api.book(api.mentee(), mentor.id(), api.slot(8, 10), api.slot(8, 11)).expect(201);
    }

    @Test
    void aSuspendedUsersUpcomingSessionsAreCancelledWithAFullRefund() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        UUID paid = api.booked(mentee, mentor.id(), api.slot(11, 10), api.slot(11, 11));
        escrowHeld(paid);
        await().atMost(Duration.ofSeconds(15)).until(() -> status(paid).equals("scheduled"));
        UUID unpaid = api.booked(api.mentee(), mentor.id(), api.slot(11, 12), api.slot(11, 13));
        TestUser otherMentor = api.availableMentor("1000.00");
        UUID elsewhere = api.booked(mentee, otherMentor.id(), api.slot(11, 14), api.slot(11, 15));
        cluster.publish("events.moderation", "moderation-service", "UserSuspended", mentor.id(), Map.of("moderation_event_id",
                UUID.randomUUID().toString(), "user_id", mentor.id().toString(), "reason", "fraud", "until",
                Instant.now().plus(Duration.ofDays(30)).toString(), "categories", List.of("fraud"), "severity", "high"));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(paid).equals("cancelled") && status(unpaid).equals("cancelled"));
        assertThat(status(elsewhere)).isEqualTo("pending_payment");
        JsonNode event = event(paid, "SessionCancelled");
        assertThat(event.path("refund_percent").asInt()).isEqualTo(100);
        assertThat(event.path("cancelled_by_role").asString()).isEqualTo("system");
        assertThat(event.path("was_paid").asBoolean()).isTrue();
        assertThat(event(unpaid, "SessionCancelled").path("was_paid").asBoolean()).isFalse();
        api.book(api.mentee(), mentor.id(), api.slot(12, 10), api.slot(12, 11)).expectError(404, "NOT_FOUND");

        cluster.publish("events.users", "user-service", "UserSuspended", mentee.id(), Map.of("user_id", mentee.id().toString(),
                "reason", "spam", "by", UUID.randomUUID().toString()));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(elsewhere).equals("cancelled"));
        cluster.publish("events.moderation", "moderation-service", "UserReinstated", mentor.id(), Map.of("user_id",
                mentor.id().toString()));
        await().atMost(Duration.ofSeconds(15)).until(() -> api.book(api.mentee(), mentor.id(), api.slot(12, 10),
                api.slot(12, 11)).status() == 201);
    }

    @Test
    void aMentorProposesAndTheMenteeAcceptsOrDeclines() {
        TestUser mentor = api.availableMentor("800.00");
        TestUser mentee = api.mentee();
        Map<String, Object> proposal = new java.util.LinkedHashMap<>(Api.booking(mentor.id(), api.slot(13, 7).plusSeconds(900),
                api.slot(13, 8).plusSeconds(900)));
        proposal.remove("mentor_id");
        proposal.put("mentee_id", mentee.id().toString());
        Api.Reply proposed = api.post("/api/v1/sessions", proposal, mentor.token()).expect(201);
        assertThat(proposed.text("status")).isEqualTo("proposed");
        assertThat(proposed.text("origin")).isEqualTo("proposed");
        assertThat(proposed.body().path("price").path("amount").asString()).isEqualTo("800.00");
        UUID session = proposed.id("session_id");
        Api.Reply asMentee = api.session(session, mentee.token()).expect(200);
        assertThat(asMentee.body().path("next_action").path("href").asString()).endsWith("/accept");
        api.action(session, "accept", null, mentor.otherRoleToken()).expectError(403, "FORBIDDEN");
        api.action(session, "accept", null, api.mentee().token()).expectError(404, "NOT_FOUND");
        Api.Reply accepted = api.action(session, "accept", null, mentee.token()).expect(200);
        assertThat(accepted.text("status")).isEqualTo("pending_payment");
        api.action(session, "accept", null, mentee.token()).expect(200);
        assertThat(types(session, 2)).containsExactly("SessionProposed", "SessionBooked");
        assertThat(event(session, "SessionBooked").path("status").asString()).isEqualTo("pending_payment");

        proposal.put("scheduled_start", api.slot(13, 10).toString());
        proposal.put("scheduled_end", api.slot(13, 11).toString());
        UUID second = api.post("/api/v1/sessions", proposal, mentor.token()).expect(201).id("session_id");
        assertThat(api.action(second, "decline", null, mentee.token()).expect(200).text("status")).isEqualTo("declined");
        assertThat(event(second, "SessionDeclined").path("declined_by").asString()).isEqualTo(mentee.id().toString());
        api.action(second, "accept", null, mentee.token()).expectError(409, "CONFLICT");
    }

    @Test
    void servicesReadAnySessionWithTheScopeAndUsersOnlyTheirOwn() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(14, 10), api.slot(14, 11));
        String payment = cluster.issuer().serviceToken("payment-service", "meetings:read-sessions").sign();
        Api.Reply read = api.session(session, payment).expect(200);
        assertThat(read.body().path("price").path("amount").asString()).isEqualTo("1000.00");
        assertThat(read.body().path("next_action").isNull()).isTrue();
        api.session(session, cluster.issuer().serviceToken("signaling-service", "chat:read-conversations").sign())
            .expectError(403, "FORBIDDEN");
        api.get("/api/v1/sessions", payment).expectError(403, "FORBIDDEN");
        api.session(session, mentor.token()).expect(200);
        api.session(session, mentee.otherRoleToken()).expect(200);
        api.session(session, api.mentee().token()).expectError(404, "NOT_FOUND");
        api.session(UUID.randomUUID(), payment).expectError(404, "NOT_FOUND");
        api.get("/api/v1/sessions/" + session, null).expectError(401, "UNAUTHORIZED");
    }

    @Test
    void aUserListsTheirSessionsPageByPage() {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        for (int hour = 8; hour < 13; hour++) {
            api.booked(mentee, mentor.id(), api.slot(15, hour), api.slot(15, hour + 1));
        }
        Api.Reply first = api.get("/api/v1/sessions?limit=2", mentee.token()).expect(200);
        assertThat(first.body().path("sessions")).hasSize(2);
        String cursor = first.text("next_cursor");
        Api.Reply second = api.get("/api/v1/sessions?limit=2&cursor=" + cursor, mentee.token()).expect(200);
        assertThat(second.body().path("sessions").get(0).path("scheduled_start").asString()).isEqualTo(api.slot(15, 10).toString());
        Api.Reply third = api.get("/api/v1/sessions?limit=2&cursor=" + second.text("next_cursor"), mentee.token()).expect(200);
        assertThat(third.body().path("sessions")).hasSize(1);
        assertThat(third.body().path("next_cursor").isNull()).isTrue();
        assertThat(api.get("/api/v1/sessions?as=mentor", mentor.token()).expect(200).body().path("sessions")).hasSize(5);
        assertThat(api.get("/api/v1/sessions", mentor.otherRoleToken()).expect(200).body().path("sessions")).isEmpty();
        assertThat(api.get("/api/v1/sessions?status=scheduled,cancelled&from=" + api.slot(15, 9) + "&to=" + api.slot(15, 11),
                mentee.token()).expect(200).body().path("sessions")).hasSize(2);
        api.get("/api/v1/sessions?status=booked", mentee.token()).expectFieldError("status");
        api.get("/api/v1/sessions?as=admin", mentee.token()).expectFieldError("as");
        api.get("/api/v1/sessions?limit=0", mentee.token()).expectFieldError("limit");
        api.get("/api/v1/sessions?limit=1e999999", mentee.token()).expectFieldError("limit");
        api.get("/api/v1/sessions?cursor=garbage", mentee.token()).expectFieldError("cursor");
        String farCursor = com.linkwithmentor.common.web.PageCursor.encode("+1000000000-01-01T00:00:00Z", UUID.randomUUID());
        api.get("/api/v1/sessions?cursor=" + farCursor, mentee.token()).expectFieldError("cursor");
        api.get("/api/v1/sessions?from=%2B1000000000-01-01T00:00:00Z", mentee.token()).expectFieldError("from");
    }
}
