package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;
import com.linkwithmentor.meeting.availability.Availabilities;
import com.linkwithmentor.meeting.availability.AvailabilityRules;

/**
 * Figures for meeting-service on the real servers (run with {@code ./fleet bench meeting-service}):
 * slot computation for a mentor whose next 60 days are half booked (over HTTP and in-process, p50
 * and p99), and booking throughput with many mentees racing for few slots, proving on the way that
 * no slot is ever held twice.
 */
@Tag("benchmark")
class MeetingBenchmark {

    private static MeetingCluster cluster;

    private static Api api;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        cluster = MeetingCluster.start("meeting_bench", 11, 1, Map.of("logging.level.root", "WARN"));
        api = cluster.api(0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void slotsForABusySixtyDayCalendar() throws Exception {
        TestUser mentor = api.mentor(null);
        api.publish(mentor, Api.with(Api.with(Api.with(Api.availability("Asia/Kolkata", List.of("MON", "TUE", "WED", "THU",
                "FRI", "SAT", "SUN").stream().map(day -> Api.window(day, "08:00", "20:00")).toList()), "buffer_before_minutes", 10),
                "buffer_after_minutes", 10), "horizon_days", 90)).expect(200);
        Instant from = Instant.now().plus(Duration.ofHours(1));
        Instant to = from.plus(Duration.ofDays(60));
        // Book every third hour of every day (08, 11, 14, 17 local): 4 sessions a day, 240 in all.
        List<Instant> starts = new ArrayList<>();
        api.get("/api/v1/availability/" + mentor.id() + "/slots?duration_minutes=60&from=" + from + "&to=" + to,
                api.mentee().token()).expect(200).body().path("slots").forEach(slot -> {
                    Instant start = Instant.parse(slot.path("start").asString());
                    if (start.atZone(java.time.ZoneId.of("Asia/Kolkata")).getMinute() == 0
                            && start.atZone(java.time.ZoneId.of("Asia/Kolkata")).getHour() % 3 == 2) {
                        starts.add(start);
                    }
                });
        int booked = 0;
        for (Instant start : starts) {
            if (api.book(api.mentee(), mentor.id(), start, start.plus(Duration.ofHours(1))).status() == 201) {
                booked++;
            }
        }
        String query = "/api/v1/availability/" + mentor.id() + "/slots?duration_minutes=60&from=" + from + "&to=" + to;
        String token = api.mentee().token();
        int slots = api.get(query, token).expect(200).body().path("slots").size();
        for (int i = 0; i < 100; i++) {
            api.get(query, token).expect(200);
        }
        List<Long> http = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long began = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api.url(query)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            http.add(System.nanoTime() - began);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        Availabilities availabilities = cluster.bean(0, Availabilities.class);
        AvailabilityRules rules = availabilities.rulesOf(mentor.id()).orElseThrow();
        List<Long> inProcess = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long began = System.nanoTime();
            availabilities.bookableSlots(mentor.id(), rules, from, to, Duration.ofHours(1), null);
            if (i >= 100) {
                inProcess.add(System.nanoTime() - began);
            }
        }
        System.out.printf("%nSLOTS  mentor with %d booked sessions over 60 days, %d bookable 60-minute slots left%n", booked, slots);
        System.out.printf("SLOTS  GET .../slots (60 days, HTTP, 500 calls): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
                percentile(http, 50), percentile(http, 95), percentile(http, 99));
        System.out.printf("SLOTS  in-process (rules + busy queries + grid, 500 calls): p50 %.2f ms, p99 %.2f ms%n%n",
                percentile(inProcess, 50), percentile(inProcess, 99));
        assertThat(booked).isEqualTo(starts.size()).isGreaterThan(200);
        assertThat(slots).isPositive();
    }

    @Test
    void oneBookingAtATime() throws Exception {
        TestUser mentor = api.mentor("1000.00");
        api.publish(mentor, Api.allDayUtc()).expect(200);
        List<Long> won = new ArrayList<>();
        List<Long> lost = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant start = api.slot(20, 0).plus(Duration.ofMinutes(60L * (i % 24))).plus(Duration.ofDays(i / 24));
            long began = System.nanoTime();
            api.book(api.mentee(), mentor.id(), start, start.plus(Duration.ofHours(1))).expect(201);
            won.add(System.nanoTime() - began);
            began = System.nanoTime();
            api.book(api.mentee(), mentor.id(), start, start.plus(Duration.ofHours(1))).expect(409);
            lost.add(System.nanoTime() - began);
        }
        System.out.printf("%nBOOK1  one at a time: booked p50 %.2f ms p99 %.2f ms; refused (409) p50 %.2f ms p99 %.2f ms%n%n",
                percentile(won.subList(10, 60), 50), percentile(won.subList(10, 60), 99), percentile(lost.subList(10, 60), 50),
                percentile(lost.subList(10, 60), 99));
    }

    @Test
    void manyMenteesRacingForFewSlots() throws Exception {
        TestUser mentor = api.mentor("1000.00");
        api.publish(mentor, Api.allDayUtc()).expect(200);
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slots.add(api.slot(3, 6).plus(Duration.ofMinutes(30L * i * 2)));
        }
        int mentees = 300;
        int threads = 32;
        AtomicInteger won = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        ConcurrentLinkedQueue<String> others = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < mentees; i++) {
            tokens.add(cluster.issuer().token(UUID.randomUUID(), "mentee").lifetime(Duration.ofHours(1)).sign());
        }
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> work = new ArrayList<>();
            for (String token : tokens) {
                work.add(pool.submit(() -> {
                    List<Instant> order = new ArrayList<>(slots);
                    Collections.shuffle(order);
                    for (Instant start : order.subList(0, 3)) {
                        String body = MeetingCluster.JSON.writeValueAsString(Api.booking(mentor.id(), start,
                                start.plus(Duration.ofHours(1))));
                        long sent = System.nanoTime();
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api.url("/api/v1/sessions")))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - sent);
                        if (response.statusCode() == 201) {
                            won.incrementAndGet();
                            return null;
                        }
                        if (response.statusCode() == 409) {
                            conflicts.incrementAndGet();
                        }
                        else {
                            other.incrementAndGet();
                            others.add(response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        int overlaps = cluster.jdbc().sql("""
                SELECT count(*) FROM sessions a JOIN sessions b ON a.mentor_id = b.mentor_id AND a.session_id < b.session_id
                WHERE a.mentor_id = ? AND a.status IN ('pending_payment', 'scheduled')
                  AND b.status IN ('pending_payment', 'scheduled')
                  AND tstzrange(a.blocked_from, a.blocked_until) && tstzrange(b.blocked_from, b.blocked_until)
                """).param(mentor.id()).query(Integer.class).single();
        int rows = cluster.jdbc().sql("SELECT count(*) FROM sessions WHERE mentor_id = ?").param(mentor.id())
            .query(Integer.class).single();
        List<Long> sorted = new ArrayList<>(latencies);
        System.out.printf("%nBOOK   %d mentees (%d at a time), 3 attempts each at 20 slots: %d requests in %.2f s = %.0f req/s%n",
                mentees, threads, sorted.size(), seconds, sorted.size() / seconds);
        System.out.printf("BOOK   %d booked, %d conflicts (409), %d other; %d session rows, %d double bookings%n", won.get(),
                conflicts.get(), other.get(), rows, overlaps);
        System.out.printf("BOOK   POST /api/v1/sessions latency: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n%n",
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
        assertThat(won.get()).isEqualTo(20);
        assertThat(rows).isEqualTo(20);
        assertThat(overlaps).isZero();
        assertThat(others).isEmpty();
    }

    private static double percentile(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
