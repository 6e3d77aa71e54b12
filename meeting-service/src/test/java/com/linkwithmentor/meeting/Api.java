package com.linkwithmentor.meeting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;
import com.linkwithmentor.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;

/** A real HTTP client for meeting-service, with the fixtures its tests build mentors, slots and bookings from. */
final class Api extends ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    private final MeetingCluster cluster;

    Api(int port, MeetingCluster cluster) {
        super(port);
        this.base = "http://localhost:" + port;
        this.cluster = cluster;
    }

    /** Any method, body (object: JSON; string: as is), token and headers. */
    Reply call(String method, String path, @Nullable Object body, @Nullable String token, Map<String, String> headers) {
        String text = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = contentType.contains("json") && !response.body().isBlank() ? json.readTree(response.body())
                    : json.createObjectNode();
            return new Reply(response.statusCode(), body, response.body(), response);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Where a test wants an unpaired surrogate: JSON can carry one only as an escape, which this becomes. */
    static final String LONE_SURROGATE = "@LONE-SURROGATE@";

    /** The body as JSON text, with {@link #LONE_SURROGATE} written as a JSON escape of a lone high surrogate. */
    String jsonWithEscapes(Object body) {
        return json.writeValueAsString(body).replace(LONE_SURROGATE, "\\uD800");
    }

    String url(String path) {
        return base + path;
    }

    // --- people ---

    /** A mentor user-service knows (rate per hour in INR; null: free), accepting mentees. */
    TestUser mentor(@Nullable String hourlyRate) {
        TestUser mentor = cluster.user("mentor");
        cluster.users().mentor(mentor.id(), hourlyRate, "INR", true);
        return mentor;
    }

    TestUser mentee() {
        return cluster.user("mentee");
    }

    // --- availability ---

    static Map<String, Object> window(String day, String start, String end) {
        return Map.of("day", day, "start", start, "end", end);
    }

    /** Availability in a zone with the given weekly windows, 30/60-minute sessions, no buffers, no notice, a year ahead. */
    static Map<String, Object> availability(String zone, List<Map<String, Object>> weekly) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timezone", zone);
        body.put("weekly", weekly);
        body.put("session_lengths_minutes", List.of(30, 60));
        body.put("buffer_before_minutes", 0);
        body.put("buffer_after_minutes", 0);
        body.put("min_notice_minutes", 0);
        body.put("horizon_days", 365);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    /** Every day 00:00-24:00 in UTC. */
    static Map<String, Object> allDayUtc() {
        return availability("UTC", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN").stream()
            .map(day -> window(day, "00:00", "24:00")).toList());
    }

    Reply publish(TestUser mentor, Map<String, Object> availability) {
        return put("/api/v1/availability/" + mentor.id(), availability, mentor.token());
    }

    /** A mentor with a rate who is available all day every day in UTC. */
    TestUser availableMentor(@Nullable String hourlyRate) {
        TestUser mentor = mentor(hourlyRate);
        publish(mentor, allDayUtc()).expect(200);
        return mentor;
    }

    // --- bookings ---

    static Map<String, Object> booking(UUID mentor, Instant start, Instant end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mentor_id", mentor.toString());
        body.put("scheduled_start", start.toString());
        body.put("scheduled_end", end.toString());
        body.put("title", "Career chat");
        return body;
    }

    Reply book(TestUser mentee, UUID mentor, Instant start, Instant end) {
        return post("/api/v1/sessions", booking(mentor, start, end), mentee.token());
    }

    /** A slot on the 30-minute UTC grid some days after the service's now, at the given hour. */
    Instant slot(int daysAhead, int hourUtc) {
        return cluster.clock().instant().atZone(ZoneId.of("UTC")).toLocalDate().plusDays(daysAhead)
            .atTime(hourUtc, 0).atZone(ZoneId.of("UTC")).toInstant();
    }

    /** The next given weekday at least a week after the service's now, at a local time in a zone. */
    Instant next(DayOfWeek day, LocalTime time, ZoneId zone) {
        LocalDate date = cluster.clock().instant().atZone(zone).toLocalDate().plusWeeks(1).with(TemporalAdjusters.nextOrSame(day));
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    UUID booked(TestUser mentee, UUID mentor, Instant start, Instant end) {
        return book(mentee, mentor, start, end).expect(201).id("session_id");
    }

    Reply session(UUID id, String token) {
        return get("/api/v1/sessions/" + id, token);
    }

    Reply action(UUID session, String action, @Nullable Object body, String token) {
        return post("/api/v1/sessions/" + session + "/" + action, body, token);
    }
}
