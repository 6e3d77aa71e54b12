package com.linkwithmentor.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.signaling.SignalingCluster.TestUser;
import com.linkwithmentor.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;

/** The REST side: placing calls for sessions and between people, who sees them, how they end, history. */
class CallApiTests {

    private final SignalingCluster cluster = SignalingCluster.shared();

    private final ApiClient api = cluster.api(0);

    private final ApiClient other = cluster.api(1);

    private ApiClient.Reply place(TestUser caller, Map<String, Object> body) {
        return api.post("/api/v1/calls", body, caller.token());
    }

    private UUID adHoc(TestUser caller, TestUser callee) {
        cluster.neighbours().conversation(caller.id(), callee.id());
        return place(caller, Map.of("participant_ids", List.of(callee.id().toString()), "call_type", "audio"))
            .expect(201).id("call_id");
    }

    @Test
    void aSessionCallRingsTheOtherSideAndOnlyItsParticipantsSeeIt() {
        TestUser mentor = cluster.newUser();
        TestUser mentee = cluster.newUser();
        UUID session = cluster.neighbours().session(mentor.id(), mentee.id());

        ApiClient.Reply placed = place(mentor, Map.of("session_id", session.toString(), "call_type", "video")).expect(201);
        UUID call = placed.id("call_id");
        assertThat(placed.header("Location")).endsWith("/api/v1/calls/" + call);
        assertThat(placed.text("status")).isEqualTo("ringing");
        assertThat(placed.text("call_type")).isEqualTo("video");
        assertThat(placed.text("session_id")).isEqualTo(session.toString());
        JsonNode participants = placed.body().path("participants");
        assertThat(participants.get(0).path("user_id").asString()).isEqualTo(mentor.id().toString());
        assertThat(participants.get(0).path("role").asString()).isEqualTo("caller");
        assertThat(participants.get(1).path("user_id").asString()).isEqualTo(mentee.id().toString());
        assertThat(participants.get(1).path("joined_at").isNull()).isTrue();

        other.get("/api/v1/calls/" + call, mentee.token()).expect(200);
        other.get("/api/v1/calls/" + call, cluster.newUser().token()).expectError(404, "NOT_FOUND");
        // The other side placing the session's call finds the one already ringing.
        assertThat(place(mentee, Map.of("session_id", session.toString(), "call_type", "video")).expect(200).id("call_id"))
            .isEqualTo(call);

        JsonNode ringing = await().atMost(Duration.ofSeconds(10))
            .until(() -> cluster.events("events.signaling", call.toString()), events -> !events.isEmpty()).get(0);
        assertThat(ringing.path("type").asString()).isEqualTo("CallRinging");
        assertThat(ringing.path("producer").asString()).isEqualTo("signaling-service");
        assertThat(ringing.path("payload").path("caller_id").asString()).isEqualTo(mentor.id().toString());
        assertThat(ringing.path("payload").path("callee_ids").get(0).asString()).isEqualTo(mentee.id().toString());
        assertThat(ringing.path("payload").path("session_id").asString()).isEqualTo(session.toString());
        assertThat(ringing.path("payload").path("call_type").asString()).isEqualTo("video");
    }

    @Test
    void aSessionCallOpensShortlyBeforeItsStartAndOnlyForItsTwoSides() {
        TestUser mentor = cluster.newUser();
        TestUser mentee = cluster.newUser();
        UUID later = cluster.neighbours().session(mentor.id(), mentee.id(), Instant.now().plusSeconds(7200), "scheduled");
        ApiClient.Reply early = place(mentee, Map.of("session_id", later.toString(), "call_type", "audio"))
            .expectError(409, "CONFLICT");
        assertThat(early.body().path("details").path("opens_at").asString()).isNotBlank();

        UUID soon = cluster.neighbours().session(mentor.id(), mentee.id(), Instant.now().plusSeconds(300), "scheduled");
        place(mentee, Map.of("session_id", soon.toString(), "call_type", "audio")).expect(201);

        UUID cancelled = cluster.neighbours().session(mentor.id(), mentee.id(), Instant.now(), "cancelled");
        place(mentor, Map.of("session_id", cancelled.toString(), "call_type", "audio")).expectError(409, "CONFLICT");

        UUID session = cluster.neighbours().session(mentor.id(), mentee.id());
        place(cluster.newUser(), Map.of("session_id", session.toString(), "call_type", "audio")).expectError(404, "NOT_FOUND");
        place(mentor, Map.of("session_id", UUID.randomUUID().toString(), "call_type", "audio")).expectError(404, "NOT_FOUND");
    }

    @Test
    void anAdHocCallNeedsAConversationEveryoneShares() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        TestUser carol = cluster.newUser();
        Map<String, Object> toBob = Map.of("participant_ids", List.of(bob.id().toString()), "call_type", "audio");
        place(alice, toBob).expectError(403, "FORBIDDEN");

        cluster.neighbours().conversation(alice.id(), bob.id());
        place(alice, toBob).expect(201);
        place(alice, Map.of("participant_ids", List.of(bob.id().toString(), carol.id().toString()), "call_type", "video"))
            .expectError(403, "FORBIDDEN");
        cluster.neighbours().conversation(alice.id(), bob.id(), carol.id());
        JsonNode group = place(alice, Map.of("participant_ids", List.of(bob.id().toString(), carol.id().toString()),
                "call_type", "video")).expect(201).body();
        assertThat(group.path("participants").size()).isEqualTo(3);
    }

    @Test
    void badRequestsAre400sNamingTheField() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        place(alice, Map.of("participant_ids", List.of(alice.id().toString()), "call_type", "audio"))
            .expectFieldError("participant_ids");
        place(alice, Map.of("call_type", "audio")).expectFieldError("session_id");
        place(alice, Map.of("session_id", UUID.randomUUID().toString(), "participant_ids", List.of(bob.id().toString()),
                "call_type", "audio")).expectFieldError("session_id");
        place(alice, Map.of("participant_ids", List.of(bob.id().toString()), "call_type", "hologram"))
            .expectError(400, "VALIDATION_ERROR");
        place(alice, Map.of("participant_ids", List.of(bob.id().toString()))).expectFieldError("call_type");
        place(alice, Map.of("participant_ids", List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString()), "call_type", "audio"))
            .expectFieldError("participant_ids");
        api.post("/api/v1/calls/" + UUID.randomUUID() + "/end", Map.of("reason", "completed"), alice.token())
            .expectFieldError("reason");
    }

    @Test
    void hangingUpWhileItRingsIsADeclineForTheCalleeAndMissedForTheCaller() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID declined = adHoc(alice, bob);
        api.post("/api/v1/calls/" + declined + "/end", null, cluster.newUser().token()).expectError(404, "NOT_FOUND");
        JsonNode byCallee = other.post("/api/v1/calls/" + declined + "/end", null, bob.token()).expect(200).body();
        assertThat(byCallee.path("status").asString()).isEqualTo("ended");
        assertThat(byCallee.path("end_reason").asString()).isEqualTo("declined");
        assertThat(byCallee.path("ended_by").asString()).isEqualTo(bob.id().toString());
        assertThat(byCallee.path("duration_seconds").asLong()).isZero();
        // Hanging up an ended call changes nothing.
        assertThat(api.post("/api/v1/calls/" + declined + "/end", null, alice.token()).expect(200).text("end_reason"))
            .isEqualTo("declined");

        UUID cancelled = adHoc(alice, bob);
        assertThat(api.post("/api/v1/calls/" + cancelled + "/end", null, alice.token()).expect(200).text("end_reason"))
            .isEqualTo("missed");
        JsonNode ended = await().atMost(Duration.ofSeconds(10))
            .until(() -> cluster.events("events.signaling", cancelled.toString()), events -> events.size() >= 2).get(1);
        assertThat(ended.path("type").asString()).isEqualTo("CallEnded");
        assertThat(ended.path("payload").path("reason").asString()).isEqualTo("missed");
        assertThat(ended.path("payload").path("duration_seconds").asLong()).isZero();
        assertThat(ended.path("payload").has("session_id")).isFalse();
    }

    @Test
    void aCallNobodyAnswersIsMissedWhenItsRingTimeRunsOut() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = adHoc(alice, bob);
        // As if the ring timeout had passed.
        cluster.jdbc().sql("UPDATE calls SET ring_until = now() - interval '1 second' WHERE call_id = ?").param(call).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/calls/" + call, alice.token()).text("status"),
                "ended"::equals);
        assertThat(api.get("/api/v1/calls/" + call, bob.token()).text("end_reason")).isEqualTo("missed");
    }

    @Test
    void myHistoryListsMyCallsNewestFirstInPages() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID first = adHoc(alice, bob);
        UUID second = adHoc(alice, bob);
        UUID third = adHoc(alice, bob);
        api.post("/api/v1/calls/" + first + "/end", null, bob.token()).expect(200);

        JsonNode page = api.get("/api/v1/calls?limit=2", bob.token()).expect(200).body();
        assertThat(page.path("items").valueStream().map(item -> item.path("call_id").asString()).toList())
            .containsExactly(third.toString(), second.toString());
        String cursor = page.path("next_cursor").asString();
        JsonNode rest = api.get("/api/v1/calls?limit=2&cursor=" + cursor, bob.token()).expect(200).body();
        assertThat(rest.path("items").valueStream().map(item -> item.path("call_id").asString()).toList())
            .containsExactly(first.toString());
        assertThat(rest.path("items").get(0).path("end_reason").asString()).isEqualTo("declined");
        assertThat(rest.path("next_cursor").isNull()).isTrue();
        assertThat(api.get("/api/v1/calls", cluster.newUser().token()).expect(200).body().path("items").size()).isZero();
        api.get("/api/v1/calls?cursor=not-a-cursor", bob.token()).expectFieldError("cursor");
        api.get("/api/v1/calls?limit=0", bob.token()).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void whileMeetingServiceIsDownSessionCallsAreAFast503AndWorkAgainAfter() {
        TestUser mentor = cluster.newUser();
        TestUser mentee = cluster.newUser();
        UUID session = cluster.neighbours().session(mentor.id(), mentee.id());
        Map<String, Object> body = Map.of("session_id", session.toString(), "call_type", "audio");
        cluster.neighbours().meetingDown(true);
        try {
            for (int i = 0; i < 3; i++) {
                ApiClient.Reply down = place(mentor, body).expectError(503, "SERVICE_UNAVAILABLE");
                assertThat(down.body().path("details").path("service").asString()).isEqualTo("meeting-service");
            }
            // The breaker is open now: no request reaches meeting-service.
            int asked = cluster.neighbours().meetingRequests.get();
            place(mentor, body).expectError(503, "SERVICE_UNAVAILABLE");
            assertThat(cluster.neighbours().meetingRequests.get()).isEqualTo(asked);
        }
        finally {
            cluster.neighbours().meetingDown(false);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
            .until(() -> place(mentor, body).status() == 201);
        // Half-open lets a second call through; with it the breaker closes for the next test.
        TestUser mentee2 = cluster.newUser();
        place(mentor, Map.of("session_id", cluster.neighbours().session(mentor.id(), mentee2.id()).toString(),
                "call_type", "audio")).expect(201);
    }

    @Test
    void iceServersAreForParticipantsOfLiveCallsOnly() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = adHoc(alice, bob);
        JsonNode servers = api.get("/api/v1/calls/" + call + "/ice-servers", alice.token()).expect(200).body();
        assertThat(servers.path("ttl_seconds").asLong()).isPositive();
        if (cluster.turn() != null) {
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> !api.get("/api/v1/calls/" + call + "/ice-servers", alice.token()).body().path("degraded").asBoolean());
            servers = api.get("/api/v1/calls/" + call + "/ice-servers", alice.token()).expect(200).body();
            JsonNode turn = servers.path("ice_servers").valueStream()
                .filter(server -> server.path("urls").get(0).asString().startsWith("turn:")).findFirst().orElseThrow();
            assertThat(turn.path("username").asString()).isNotBlank();
            assertThat(turn.path("credential").asString()).isNotBlank();
            assertThat(servers.path("ice_servers").get(0).path("urls").get(0).asString()).startsWith("stun:");
        }
        else {
            assertThat(servers.path("degraded").asBoolean()).isTrue();
        }
        api.get("/api/v1/calls/" + call + "/ice-servers", cluster.newUser().token()).expectError(404, "NOT_FOUND");
        api.post("/api/v1/calls/" + call + "/end", null, alice.token()).expect(200);
        api.get("/api/v1/calls/" + call + "/ice-servers", bob.token()).expectError(409, "CONFLICT");
    }
}
