package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;

import tools.jackson.databind.JsonNode;

/** Publishing availability and reading slots over HTTP: who may, what is refused, and slots across DST and zones. */
class AvailabilityTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @BeforeEach
    void realTime() {
        cluster.clock().reset();
    }

    @Test
    void aMentorPublishesTheirOwnAvailabilityAndAnyoneSignedInReadsIt() {
        TestUser mentor = api.mentor("1000.00");
        Map<String, Object> body = Api.with(Api.availability("Asia/Kolkata", List.of(Api.window("MON", "18:00", "21:00"),
                Api.window("MON", "07:00", "08:00"), Api.window("SAT", "10:00", "24:00"))), "exceptions",
                List.of(Map.of("date", "2027-12-25", "available", false),
                        Map.of("date", "2027-12-26", "available", true, "start", "09:00", "end", "11:00")));
        Api.Reply published = api.publish(mentor, Api.with(body, "max_sessions_per_day", 3)).expect(200);
        assertThat(published.text("timezone")).isEqualTo("Asia/Kolkata");
        assertThat(published.body().path("weekly")).hasSize(3);
        assertThat(published.body().path("weekly").get(2).path("end").asString()).isEqualTo("24:00");
        assertThat(published.body().path("weekly").get(0).path("day").asString()).isEqualTo("mon");
        assertThat(published.body().path("exceptions")).hasSize(2);
        assertThat(published.body().path("max_sessions_per_day").asInt()).isEqualTo(3);

        Api.Reply read = api.get("/api/v1/availability/" + mentor.id(), api.mentee().token()).expect(200);
        assertThat(read.body().path("session_lengths_minutes").toString()).isEqualTo("[30,60]");
        api.get("/api/v1/availability/" + api.mentor("1").id(), mentor.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/availability/" + mentor.id(), null).expectError(401, "UNAUTHORIZED");

        TestUser other = api.mentor("1000.00");
        api.put("/api/v1/availability/" + mentor.id(), body, other.token()).expectError(403, "FORBIDDEN");
        api.put("/api/v1/availability/" + mentor.id(), body, mentor.otherRoleToken()).expectError(403, "FORBIDDEN");
    }

    @Test
    void badAvailabilityIsA400NamingTheField() {
        TestUser mentor = api.mentor("1000.00");
        Map<String, Object> good = Api.availability("UTC", List.of(Api.window("MON", "09:00", "10:00")));
        api.publish(mentor, Api.with(good, "timezone", "Mars/Olympus")).expectFieldError("timezone");
        api.publish(mentor, Api.with(good, "weekly", List.of(Api.window("MON", "10:00", "09:00")))).expectFieldError("weekly[0].end");
        api.publish(mentor, Api.with(good, "weekly", List.of(Api.window("FUNDAY", "09:00", "10:00")))).expectFieldError("weekly[0].day");
        api.publish(mentor, Api.with(good, "weekly", List.of(Api.window("MON", "9am", "10:00")))).expectFieldError("weekly[0].start");
        api.publish(mentor, Api.with(good, "weekly", List.of(Api.window("MON", "24:00", "24:00")))).expectFieldError("weekly[0].start");
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        api.publish(mentor, Api.with(good, "weekly", withNull)).expectError(400, "VALIDATION_ERROR");
        api.publish(mentor, Api.with(good, "session_lengths_minutes", withNull)).expectError(400, "VALIDATION_ERROR");
        api.publish(mentor, Api.with(good, "session_lengths_minutes", List.of(50))).expectFieldError("session_lengths_minutes[0]");
        api.publish(mentor, Api.with(good, "session_lengths_minutes", List.of(30, 30))).expectFieldError("session_lengths_minutes[1]");
        api.publish(mentor, Api.with(good, "session_lengths_minutes", List.of())).expectFieldError("session_lengths_minutes");
        api.publish(mentor, Api.with(good, "buffer_before_minutes", 9999)).expectFieldError("buffer_before_minutes");
        api.publish(mentor, Api.with(good, "horizon_days", "1e999999")).expectError(400, "VALIDATION_ERROR");
        api.publish(mentor, Api.with(good, "timezone", "UTC\u0000")).expectFieldError("timezone");
        api.publish(mentor, Api.with(good, "exceptions", List.of(Map.of("date", "2027-13-40", "available", false))))
            .expectFieldError("exceptions[0].date");
        api.publish(mentor, Api.with(good, "exceptions", List.of(Map.of("date", "+99999-01-01", "available", false))))
            .expectError(400, "VALIDATION_ERROR");
        api.publish(mentor, Api.with(good, "exceptions", List.of(Map.of("date", "2027-12-25", "available", true))))
            .expectFieldError("exceptions[0].start");
        api.publish(mentor, Api.with(good, "exceptions", List.of(Map.of("date", "2027-12-25", "available", false),
                Map.of("date", "2027-12-25", "available", true, "start", "09:00", "end", "10:00"))))
            .expectFieldError("exceptions[1].date");
        api.put("/api/v1/availability/" + mentor.id(), "[1,2,3]", mentor.token()).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/availability/not-a-uuid", mentor.token()).expectFieldError("mentor_id");
    }

    @Test
    void slotsInNewYorkKeepTheirLocalTimeAcrossTheSpringChange() {
        cluster.clock().set(Instant.parse("2027-03-01T12:00:00Z"));
        TestUser mentor = api.mentor("1000.00");
        api.publish(mentor, Api.availability("America/New_York", List.of(Api.window("MON", "18:00", "19:00")))).expect(200);
        Api.Reply slots = api.get("/api/v1/availability/" + mentor.id()
                + "/slots?from=2027-03-07T00:00:00Z&to=2027-03-22T00:00:00Z&duration_minutes=60", api.mentee().token()).expect(200);
        assertThat(slots.text("timezone")).isEqualTo("America/New_York");
        JsonNode list = slots.body().path("slots");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("start").asString()).isEqualTo("2027-03-08T23:00:00Z");
        assertThat(list.get(0).path("local_start").asString()).isEqualTo("2027-03-08T18:00:00-05:00");
        assertThat(list.get(1).path("start").asString()).isEqualTo("2027-03-15T22:00:00Z");
        assertThat(list.get(1).path("local_start").asString()).isEqualTo("2027-03-15T18:00:00-04:00");
        assertThat(list.get(1).path("end").asString()).isEqualTo("2027-03-15T23:00:00Z");
        // And the slot after the change can be booked at its new UTC time.
        api.book(api.mentee(), mentor.id(), Instant.parse("2027-03-15T22:00:00Z"), Instant.parse("2027-03-15T23:00:00Z"))
            .expect(201);
        api.book(api.mentee(), mentor.id(), Instant.parse("2027-03-15T23:00:00Z"), Instant.parse("2027-03-16T00:00:00Z"))
            .expectError(422, "UNPROCESSABLE");
    }

    @Test
    void slotsInKolkataAreAtTheirHalfHourOffsetAndBookedOnesDisappear() {
        TestUser mentor = api.mentor("1000.00");
        api.publish(mentor, Api.availability("Asia/Kolkata", List.of(Api.window("TUE", "18:00", "20:00")))).expect(200);
        Instant tuesday = api.next(DayOfWeek.TUESDAY, LocalTime.of(18, 0), ZoneId.of("Asia/Kolkata"));
        String query = "/api/v1/availability/" + mentor.id() + "/slots?from=" + tuesday.minus(Duration.ofHours(1)) + "&to="
                + tuesday.plus(Duration.ofHours(5)) + "&duration_minutes=30";
        TestUser mentee = api.mentee();
        assertThat(starts(api.get(query, mentee.token()).expect(200))).hasSize(4).first()
            .isEqualTo(tuesday.toString());
        assertThat(tuesday.atZone(ZoneId.of("UTC")).toLocalTime()).isEqualTo(LocalTime.of(12, 30));
        api.book(api.mentee(), mentor.id(), tuesday.plus(Duration.ofMinutes(30)), tuesday.plus(Duration.ofMinutes(60))).expect(201);
        assertThat(starts(api.get(query, mentee.token()).expect(200))).hasSize(3)
            .doesNotContain(tuesday.plus(Duration.ofMinutes(30)).toString());
    }

    @Test
    void aMenteeSeesOnlySlotsThatAlsoFitTheirOwnCalendar() {
        TestUser mentor = api.availableMentor("1000.00");
        TestUser other = api.availableMentor("1000.00");
        TestUser mentee = api.mentee();
        Instant start = api.slot(12, 10);
        api.book(mentee, other.id(), start, start.plus(Duration.ofHours(1))).expect(201);
        String query = "/api/v1/availability/" + mentor.id() + "/slots?from=" + start.minus(Duration.ofHours(1)) + "&to="
                + start.plus(Duration.ofHours(2)) + "&duration_minutes=60";
        assertThat(starts(api.get(query, mentee.token()).expect(200)))
            .containsExactly(start.minus(Duration.ofHours(1)).toString(), start.plus(Duration.ofHours(1)).toString(),
                    start.plus(Duration.ofMinutes(90)).toString());
        assertThat(starts(api.get(query, mentee.otherRoleToken()).expect(200))).hasSize(6);
    }

    @Test
    void badSlotQueriesAreA400NamingTheParameter() {
        TestUser mentor = api.availableMentor("1000.00");
        String base = "/api/v1/availability/" + mentor.id() + "/slots";
        String token = api.mentee().token();
        api.get(base + "?from=yesterday", token).expectFieldError("from");
        api.get(base + "?from=%2B1000000000-01-01T00:00:00Z", token).expectFieldError("from");
        api.get(base + "?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z", token).expectFieldError("to");
        api.get(base + "?from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z", token).expectFieldError("to");
        api.get(base + "?duration_minutes=45", token).expectFieldError("duration_minutes");
        api.get(base + "?duration_minutes=1e999999", token).expectFieldError("duration_minutes");
        api.get(base + "?duration_minutes=%00", token).expectFieldError("duration_minutes");
        Api.Reply fine = api.get(base + "?duration_minutes=30", token).expect(200);
        assertThat(fine.body().path("slots").size()).isGreaterThan(100);
    }

    private static List<String> starts(Api.Reply reply) {
        List<String> starts = new ArrayList<>();
        reply.body().path("slots").forEach(slot -> starts.add(slot.path("start").asString()));
        return starts;
    }

    static Map<String, Object> copy(Map<String, Object> map) {
        return new LinkedHashMap<>(map);
    }
}
