package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.testsupport.RealServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fifty mentees press "book" on the same slot at the same moment: exactly one gets it, the other
 * forty-nine get a 409 naming the conflict, and nothing half-written is left (one session row, one
 * SessionBooked in the outbox).
 */
@RealServers
@SpringBootTest(classes = MeetingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookingRaceTests {

    private static final TestTokenIssuer ISSUER = TestTokenIssuer.start();

    private static final FakeUserService USERS = FakeUserService.start();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("lwm.security.jwks-url", ISSUER::jwksUrl);
        registry.add("lwm.service-auth.token-url", ISSUER::tokenUrl);
        registry.add("lwm.service-auth.client-secret", () -> TestTokenIssuer.clientSecret("meeting-service"));
        registry.add("lwm.meeting.users.url", USERS::url);
        registry.add("lwm.events.relay-interval", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
        USERS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftyConcurrentBookingsOfOneSlotGiveOneSessionAndFortyNineConflicts() throws Exception {
        UUID mentor = UUID.randomUUID();
        USERS.mentor(mentor, "1200.00", "INR", true);
        String mentorToken = ISSUER.token(mentor, "mentor").sign();
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Object> availability = Api.allDayUtc();
        assertThat(send(http, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/availability/" + mentor))
            .header("Authorization", "Bearer " + mentorToken).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(availability)))).statusCode()).isEqualTo(200);
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(5).atTime(14, 0).toInstant(ZoneOffset.UTC);
        String body = JSON.writeValueAsString(Api.booking(mentor, start, start.plus(Duration.ofHours(1))));

        int mentees = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < mentees; i++) {
                String token = ISSUER.token(UUID.randomUUID(), "mentee").sign();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sessions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", "race-" + i).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return http.send(request, HttpResponse.BodyHandlers.ofString());
                    }
                    catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                }, pool));
            }
            go.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        }
        List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 409).toList();
        assertThat(refused).hasSize(mentees - 1);
        for (HttpResponse<String> response : refused) {
            JsonNode error = JSON.readTree(response.body());
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(error.path("error_code").asString()).isEqualTo("CONFLICT");
            assertThat(error.path("details").path("conflict").asString()).isEqualTo("mentor_busy");
            assertThat(error.path("details").path("constraint").asString()).isEqualTo("sessions_mentor_free");
            assertThat(error.path("message").asString()).contains("already booked");
        }
        String winner = JSON.readTree(responses.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow().body())
            .path("session_id").asString();
        assertThat(jdbc.sql("SELECT count(*) FROM sessions WHERE mentor_id = ?").param(mentor).query(Integer.class).single())
            .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE event_type = 'SessionBooked'").query(Integer.class).single())
            .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT subject_id FROM event_outbox").query(String.class).single()).isEqualTo(winner);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM event_outbox WHERE published_at IS NULL").query(Integer.class).single() == 0);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
