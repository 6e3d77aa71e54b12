package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.security.PublicEndpoints;
import com.linkwithmentor.meeting.MeetingCluster.TestUser;
import com.linkwithmentor.testsupport.GatewayRoutes;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** The private ICS feed and a session's .ics: valid iCalendar, stable UIDs, sequences, cancellations; the feed is public. */
class CalendarTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api api = cluster.api(0);

    @BeforeEach
    void realTime() {
        cluster.clock().reset();
    }

    private static String path(String feedUrl) {
        return feedUrl.substring(feedUrl.indexOf("/api/v1/calendar/"));
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(Calendar calendar, UUID session) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
            .filter(event -> event.<Property>getProperty("UID").orElseThrow().getValue().equals(session + "@linkwithmentor"))
            .findFirst().orElseThrow();
    }

    @Test
    void aUsersFeedListsTheirSessionsWithoutATokenAndFollowsReschedulesAndCancellations() throws Exception {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        assertThat(api.get("/api/v1/calendar", mentee.token()).expect(200).body().path("active").asBoolean()).isFalse();
        UUID kept = api.booked(mentee, mentor.id(), api.slot(20, 10), api.slot(20, 11));
        UUID moved = api.booked(mentee, mentor.id(), api.slot(20, 12), api.slot(20, 13));
        UUID dropped = api.booked(mentee, mentor.id(), api.slot(20, 14), api.slot(20, 15));
        api.booked(api.mentee(), mentor.id(), api.slot(20, 16), api.slot(20, 17));
        Api.Reply feed = api.post("/api/v1/calendar/rotate", null, mentee.token()).expect(201);
        String url = feed.text("feed_url");
        assertThat(url).startsWith("http://localhost:8080/api/v1/calendar/").endsWith(".ics");
        assertThat(feed.header("Cache-Control")).contains("no-store");
        assertThat(api.get("/api/v1/calendar", mentee.token()).expect(200).body().path("active").asBoolean()).isTrue();

        api.action(moved, "reschedule", Map.of("scheduled_start", api.slot(21, 12).toString(), "scheduled_end",
                api.slot(21, 13).toString()), mentee.token()).expect(200);
        api.action(dropped, "cancel", Map.of("reason", "conflict"), mentee.token()).expect(200);

        Api.Reply ics = api.get(path(url), null).expect(200);
        assertThat(ics.header("Content-Type")).startsWith("text/calendar");
        Calendar calendar = parse(ics.raw());
        assertThat(calendar.<VEvent>getComponents("VEVENT")).hasSize(3);
        assertThat(event(calendar, kept).getSequence().getSequenceNo()).isZero();
        assertThat(event(calendar, kept).getStatus().getValue()).isEqualTo("CONFIRMED");
        VEvent rescheduled = event(calendar, moved);
        assertThat(rescheduled.getSequence().getSequenceNo()).isEqualTo(1);
        assertThat(rescheduled.<Property>getProperty("DTSTART").orElseThrow().getValue())
            .isEqualTo(api.slot(21, 12).toString().replace("-", "").replace(":", "").replace(".000", ""));
        assertThat(event(calendar, dropped).getStatus().getValue()).isEqualTo("CANCELLED");
        assertThat(event(calendar, dropped).getSequence().getSequenceNo()).isEqualTo(1);

        String rotated = api.post("/api/v1/calendar/rotate", null, mentee.token()).expect(201).text("feed_url");
        api.get(path(url), null).expectError(404, "NOT_FOUND");
        api.get(path(rotated), null).expect(200);
        api.delete("/api/v1/calendar", mentee.token()).expect(204);
        api.get(path(rotated), null).expectError(404, "NOT_FOUND");
        api.get("/api/v1/calendar/" + "A".repeat(43) + ".ics", null).expectError(404, "NOT_FOUND");
        api.get("/api/v1/calendar/short.ics", null).expectError(404, "NOT_FOUND");
        api.get("/api/v1/calendar", null).expectError(401, "UNAUTHORIZED");
        api.post("/api/v1/calendar/rotate", null, null).expectError(401, "UNAUTHORIZED");
    }

    @Test
    void aParticipantDownloadsOneSessionAsAnIcsFile() throws Exception {
        TestUser mentor = api.availableMentor(null);
        TestUser mentee = api.mentee();
        UUID session = api.booked(mentee, mentor.id(), api.slot(22, 10), api.slot(22, 11));
        Api.Reply ics = api.get("/api/v1/sessions/" + session + "/ics", mentor.token()).expect(200);
        assertThat(ics.header("Content-Disposition")).contains("attachment", ".ics");
        VEvent event = event(parse(ics.raw()), session);
        assertThat(event.getSummary().getValue()).isEqualTo("Career chat");
        assertThat(event.getEndDate().orElseThrow().getValue()).endsWith("Z");
        api.get("/api/v1/sessions/" + session + "/ics", api.mentee().token()).expectError(404, "NOT_FOUND");
    }

    @Test
    void theGatewayListsExactlyTheEndpointsThisServiceMarksPublic() {
        PublicEndpoints endpoints = cluster.bean(0, PublicEndpoints.class);
        assertThat(endpoints.describe()).isEqualTo(List.of("GET /api/v1/calendar/*"));
        assertThat(endpoints.describe()).isEqualTo(GatewayRoutes.publicPaths("meeting-service"));
    }
}
