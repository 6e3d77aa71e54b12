package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;

import tools.jackson.databind.JsonNode;

/** A recurring booking is every occurrence or none, with the dates that cannot be had named. */
class RecurringBookingTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @BeforeEach
    void realTime() {
        cluster.clock().reset();
    }

    private TestUser tuesdayEveningMentor() {
        TestUser mentor = api.mentor("1000.00");
        api.publish(mentor, Api.availability("America/New_York", List.of(Api.window("TUE", "18:00", "20:00")))).expect(200);
        return mentor;
    }

    private static Map<String, Object> series(UUID mentor, Instant start, String rrule) {
        Map<String, Object> body = new LinkedHashMap<>(Api.booking(mentor, start, start.plus(Duration.ofHours(1))));
        body.put("recurrence", Map.of("rrule", rrule));
        return body;
    }

    @Test
    void aWeeklySeriesBooksEveryOccurrenceAsItsOwnSessionAtTheSameLocalTime() {
        TestUser mentor = tuesdayEveningMentor();
        TestUser mentee = api.mentee();
        Instant first = api.next(DayOfWeek.TUESDAY, LocalTime.of(18, 0), NEW_YORK);
        Api.Reply booked = api.post("/api/v1/sessions", series(mentor.id(), first, "FREQ=WEEKLY;BYDAY=TU;COUNT=6"), mentee.token())
            .expect(201);
        assertThat(booked.text("session_type")).isEqualTo("recurring");
        assertThat(booked.body().path("occurrences").asInt()).isEqualTo(6);
        assertThat(booked.body().path("total_price").path("amount").asString()).isEqualTo("6000.00");
        JsonNode sessions = booked.body().path("sessions");
        assertThat(sessions).hasSize(6);
        for (JsonNode session : sessions) {
            assertThat(session.path("series_id").asString()).isEqualTo(booked.text("series_id"));
            assertThat(Instant.parse(session.path("scheduled_start").asString()).atZone(NEW_YORK).toLocalTime())
                .isEqualTo(LocalTime.of(18, 0));
            assertThat(session.path("status").asString()).isEqualTo("pending_payment");
        }
        assertThat(cluster.jdbc().sql("SELECT rrule FROM session_series WHERE series_id = ?::uuid")
            .param(booked.text("series_id")).query(String.class).single()).isEqualTo("FREQ=WEEKLY;BYDAY=TU;COUNT=6");

        UUID third = UUID.fromString(sessions.get(2).path("session_id").asString());
        Api.Reply cancelled = api.action(third, "cancel", Map.of("scope", "this_and_following"), mentee.token()).expect(200);
        assertThat(cancelled.body().path("following")).hasSize(3);
        assertThat(cluster.jdbc().sql("SELECT count(*) FROM sessions WHERE series_id = ?::uuid AND status = 'cancelled'")
            .param(booked.text("series_id")).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void oneTakenDateRefusesTheWholeSeriesAndNamesItWithoutWritingAnything() {
        TestUser mentor = tuesdayEveningMentor();
        TestUser mentee = api.mentee();
        Instant first = api.next(DayOfWeek.TUESDAY, LocalTime.of(18, 0), NEW_YORK);
        Instant third = first.atZone(NEW_YORK).plusWeeks(2).toInstant();
        api.book(api.mentee(), mentor.id(), third.plus(Duration.ofMinutes(30)), third.plus(Duration.ofMinutes(90))).expect(201);
        Api.Reply refused = api.post("/api/v1/sessions", series(mentor.id(), first, "FREQ=WEEKLY;COUNT=4"), mentee.token())
            .expectError(409, "CONFLICT");
        JsonNode conflicts = refused.body().path("details").path("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).path("occurrence").asInt()).isEqualTo(3);
        assertThat(conflicts.get(0).path("date").asString()).isEqualTo(third.atZone(NEW_YORK).toLocalDate().toString());
        assertThat(conflicts.get(0).path("reason").asString()).isEqualTo("mentor_busy");
        assertThat(refused.text("message")).contains("none was", third.atZone(NEW_YORK).toLocalDate().toString());
        assertThat(cluster.jdbc().sql("SELECT count(*) FROM sessions WHERE mentee_id = ?").param(mentee.id())
            .query(Integer.class).single()).isZero();
        assertThat(cluster.jdbc().sql("SELECT count(*) FROM session_series WHERE mentee_id = ?").param(mentee.id())
            .query(Integer.class).single()).isZero();
    }

    @Test
    void badOrUnboundedRulesAreA400NamingTheRule() {
        TestUser mentor = tuesdayEveningMentor();
        TestUser mentee = api.mentee();
        Instant first = api.next(DayOfWeek.TUESDAY, LocalTime.of(18, 0), NEW_YORK);
        for (String rule : List.of("FREQ=WEEKLY", "FREQ=WEEKLY;COUNT=27", "FREQ=HOURLY;COUNT=3", "not a rule",
                "FREQ=WEEKLY;BYDAY=WE;COUNT=3", "FREQ=WEEKLY;COUNT=3\u0000")) {
            api.post("/api/v1/sessions", series(mentor.id(), first, rule), mentee.token()).expectFieldError("recurrence.rrule");
        }
        Map<String, Object> noRule = new LinkedHashMap<>(series(mentor.id(), first, ""));
        api.post("/api/v1/sessions", noRule, mentee.token()).expectError(400, "VALIDATION_ERROR");
        // A daily series runs into days the mentor is not available: all of them are named.
        Api.Reply daily = api.post("/api/v1/sessions", series(mentor.id(), first, "FREQ=DAILY;COUNT=3"), mentee.token())
            .expectError(409, "CONFLICT");
        assertThat(daily.body().path("details").path("conflicts")).hasSize(2);
        assertThat(daily.body().path("details").path("conflicts").get(0).path("reason").asString()).isEqualTo("not_a_slot");
    }
}
