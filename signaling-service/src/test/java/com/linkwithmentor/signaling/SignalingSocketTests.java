package com.linkwithmentor.signaling;

import static com.linkwithmentor.testsupport.SocketClient.frame;
import static com.linkwithmentor.testsupport.SocketClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.signaling.SignalingCluster.TestUser;
import com.linkwithmentor.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;

/** /ws/signaling across two instances: joining and roles, relay to one peer, notices, rejoin, garbage, limits. */
class SignalingSocketTests {

    private final SignalingCluster cluster = SignalingCluster.shared();

    private final ApiClient api = cluster.api(0);

    private UUID call(TestUser caller, TestUser... callees) {
        UUID[] members = new UUID[callees.length + 1];
        members[0] = caller.id();
        for (int i = 0; i < callees.length; i++) {
            members[i + 1] = callees[i].id();
        }
        cluster.neighbours().conversation(members);
        List<String> ids = java.util.Arrays.stream(callees).map(u -> u.id().toString()).toList();
        return api.post("/api/v1/calls", Map.of("participant_ids", ids, "call_type", "video"), caller.token())
            .expect(201).id("call_id");
    }

    private String status(UUID call, TestUser user) {
        return api.get("/api/v1/calls/" + call, user.token()).expect(200).text("status");
    }

    @Test
    void joiningAnswersWithThePeersAndTheirRolesAndTheSecondJoinStartsTheSessionsCall() {
        TestUser mentor = cluster.newUser();
        TestUser mentee = cluster.newUser();
        UUID session = cluster.neighbours().session(mentor.id(), mentee.id());
        try (SignalClient callee = SignalClient.connect(cluster, 1, mentee)) {
            UUID call = api.post("/api/v1/calls", Map.of("session_id", session.toString(), "call_type", "video"),
                    mentor.token()).expect(201).id("call_id");
            JsonNode ringing = callee.awaitType("call_ringing");
            assertThat(ringing.path("call_id").asString()).isEqualTo(call.toString());
            assertThat(ringing.path("caller_id").asString()).isEqualTo(mentor.id().toString());
            assertThat(ringing.path("session_id").asString()).isEqualTo(session.toString());

            try (SignalClient caller = SignalClient.connect(cluster, 0, mentor)) {
                JsonNode first = caller.join(call);
                assertThat(first.path("peers").size()).isZero();
                assertThat(first.path("polite").asBoolean()).isFalse();
                assertThat(first.path("rejoined").asBoolean()).isFalse();
                assertThat(status(call, mentor)).isEqualTo("ringing");

                JsonNode second = callee.join(call);
                assertThat(second.path("peers").get(0).asString()).isEqualTo(mentor.id().toString());
                assertThat(second.path("polite").asBoolean()).isTrue();
                assertThat(second.path("polite_toward").get(0).asString()).isEqualTo(mentor.id().toString());
                JsonNode joined = caller.awaitType("peer_joined");
                assertThat(joined.path("user_id").asString()).isEqualTo(mentee.id().toString());
                assertThat(status(call, mentor)).isEqualTo("active");

                JsonNode started = await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.events("events.signaling", call.toString()), events -> events.size() >= 2).get(1);
                assertThat(started.path("type").asString()).isEqualTo("CallStarted");
                assertThat(started.path("payload").path("session_id").asString()).isEqualTo(session.toString());
                assertThat(started.path("payload").path("participant_ids").size()).isEqualTo(2);
                assertThat(started.path("payload").path("started_at").asString()).isNotBlank();
            }
        }
    }

    @Test
    void offersAnswersAndCandidatesReachOnlyTheirAddresseeOnWhicheverInstanceItIs() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        TestUser carol = cluster.newUser();
        UUID call = call(alice, bob, carol);
        try (SignalClient a = SignalClient.connect(cluster, 0, alice); SignalClient b = SignalClient.connect(cluster, 1, bob);
                SignalClient c = SignalClient.connect(cluster, 1, carol)) {
            a.join(call);
            b.join(call);
            c.join(call);
            a.offer(call, bob.id());
            JsonNode offer = b.awaitFrom("offer", alice.id());
            assertThat(offer.path("sdp").asString()).isEqualTo(SignalClient.SDP);
            assertThat(offer.has("to")).isFalse();

            b.send(frame("answer", "call_id", call, "to", alice.id(), "sdp", SignalClient.SDP));
            assertThat(a.awaitFrom("answer", bob.id()).path("call_id").asString()).isEqualTo(call.toString());
            a.send(frame("ice_candidate", "call_id", call, "to", carol.id(), "candidate", SignalClient.CANDIDATE));
            JsonNode candidate = c.awaitFrom("ice_candidate", alice.id());
            assertThat(candidate.path("candidate").path("sdp_mid").asString()).isEqualTo("0");
            // The browser's names, relayed as sent (Jackson's own snake case would say sdp_mline_index).
            assertThat(candidate.path("candidate").path("sdp_m_line_index").isInt()).isTrue();
            assertThat(candidate.path("candidate").path("sdp_m_line_index").asInt()).isZero();
            assertThat(candidate.path("candidate").path("username_fragment").asString()).isEqualTo("Fx7k");
            assertThat(candidate.path("candidate").path("candidate").asString()).startsWith("candidate:842163049");

            // Carol got the candidate sent after the offer, and never the offer meant for Bob.
            assertThat(c.frames("offer")).isEmpty();
            assertThat(b.frames("ice_candidate")).isEmpty();
        }
    }

    @Test
    void mediaStateAndScreenShareNoticesReachTheOthersMarkedWithTheirPurpose() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        try (SignalClient a = SignalClient.connect(cluster, 0, alice); SignalClient b = SignalClient.connect(cluster, 1, bob)) {
            a.join(call);
            b.join(call);
            for (String notice : List.of("mute", "unmute", "camera_off", "camera_on")) {
                a.send(frame(notice, "call_id", call));
                assertThat(b.awaitFrom(notice, alice.id()).path("call_id").asString()).isEqualTo(call.toString());
            }
            a.send(frame("screen_share_started", "call_id", call, "stream_id", "{5e4c-screen}", "track_id", "t-1"));
            JsonNode started = b.awaitFrom("screen_share_started", alice.id());
            assertThat(started.path("purpose").asString()).isEqualTo("screen");
            assertThat(started.path("stream_id").asString()).isEqualTo("{5e4c-screen}");
            a.send(frame("screen_share_stopped", "call_id", call, "stream_id", "{5e4c-screen}"));
            assertThat(b.awaitFrom("screen_share_stopped", alice.id()).path("purpose").asString()).isEqualTo("screen");
            b.send(frame("ice_restart", "call_id", call, "to", alice.id()));
            a.awaitFrom("ice_restart", bob.id());
            assertThat(a.frames("mute")).isEmpty();
        }
    }

    @Test
    void garbageIsAnErrorFrameNamingTheFieldAndTheSocketStaysOpen() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        try (SignalClient a = SignalClient.connect(cluster, 0, alice); SignalClient b = SignalClient.connect(cluster, 1, bob)) {
            a.join(call);
            b.join(call);
            a.send(frame("offer", "call_id", call, "to", bob.id(), "sdp", "hello, peer"));
            assertThat(a.awaitError("validation_error").path("message").asString()).contains("sdp");
            a.send(frame("offer", "call_id", call, "to", bob.id(), "sdp", "v=0\r\no=- 1 1 IN IP4 0\r\ns=-\r\nt=0 0\r\n<script>\r\n"));
            assertThat(a.awaitError("validation_error").path("message").asString()).contains("sdp");
            a.send(frame("offer", "call_id", call, "to", bob.id(), "sdp", "v=0\r\n" + "a=x\r\n".repeat(2_100)));
            assertThat(a.awaitError("validation_error").path("message").asString()).contains("sdp");
            a.send(frame("ice_candidate", "call_id", call, "to", bob.id(), "candidate",
                    Map.of("candidate", "candidate:1 1 udp 1 $(reboot) 9 typ host", "sdp_mid", "0")));
            assertThat(a.awaitError("validation_error").path("message").asString()).contains("candidate");
            a.send(frame("ice_candidate", "call_id", call, "to", bob.id(), "candidate",
                    Map.of("candidate", SignalClient.CANDIDATE.get("candidate"), "sdp_m_line_index", 99999)));
            assertThat(a.awaitError("validation_error").path("message").asString()).contains("sdp_m_line_index");
            a.send(frame("offer", "call_id", call, "to", UUID.randomUUID(), "sdp", SignalClient.SDP));
            a.awaitError("not_found");
            a.send(frame("offer", "call_id", UUID.randomUUID(), "to", bob.id(), "sdp", SignalClient.SDP));
            a.awaitError("not_found");
            a.sendRaw("{\"type\":\"teleport\",\"call_id\":\"" + call + "\"}");
            a.awaitError("bad_frame");
            a.sendRaw("not json at all");
            a.awaitError("bad_frame");

            a.offer(call, bob.id());
            b.awaitFrom("offer", alice.id());
            assertThat(b.frames("offer")).hasSize(1);
            assertThat(a.isClosed()).isFalse();
        }
    }

    @Test
    void onlyParticipantsJoinAndAnEndedCallCannotBeJoined() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        TestUser mallory = cluster.newUser();
        UUID call = call(alice, bob);
        try (SignalClient m = SignalClient.connect(cluster, 0, mallory); SignalClient a = SignalClient.connect(cluster, 1, alice)) {
            m.send(frame("join", "call_id", call));
            assertThat(m.awaitError("not_found").path("call_id").asString()).isEqualTo(call.toString());
            m.send(frame("offer", "call_id", call, "to", alice.id(), "sdp", SignalClient.SDP));
            m.awaitError("not_found");
            m.send(frame("end", "call_id", call));
            m.awaitError("not_found");
            assertThat(status(call, alice)).isEqualTo("ringing");

            a.join(call);
            a.send(frame("end", "call_id", call));
            JsonNode ended = a.awaitType("ended");
            assertThat(ended.path("reason").asString()).isEqualTo("missed");
            a.send(frame("join", "call_id", call));
            assertThat(a.awaitError("conflict").path("message").asString()).contains("ended");
        }
    }

    @Test
    void aDroppedSocketRejoinsWithinTheGraceWindowAndTheCallGoesOn() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        try (SignalClient a = SignalClient.connect(cluster, 0, alice)) {
            SignalClient b = SignalClient.connect(cluster, 1, bob);
            a.join(call);
            b.join(call);
            b.abort();
            JsonNode lost = a.await(f -> "peer_left".equals(type(f)));
            assertThat(lost.path("reason").asString()).isEqualTo("connection_lost");
            assertThat(lost.path("rejoin_within_seconds").asLong()).isEqualTo(8);
            assertThat(status(call, alice)).isEqualTo("active");

            try (SignalClient back = SignalClient.connect(cluster, 0, bob)) {
                JsonNode rejoined = back.join(call);
                assertThat(rejoined.path("rejoined").asBoolean()).isTrue();
                assertThat(rejoined.path("peers").get(0).asString()).isEqualTo(alice.id().toString());
                a.await(f -> "peer_joined".equals(type(f)) && f.path("rejoined").asBoolean());
                back.offer(call, alice.id());
                a.awaitFrom("offer", bob.id());
                assertThat(status(call, alice)).isEqualTo("active");

                // Gone again (closed without leaving), and this time the grace window runs out: the call is over.
                back.close();
                a.await(f -> "peer_left".equals(type(f)) && "connection_lost".equals(f.path("reason").asString()),
                        Duration.ofSeconds(20));
                cluster.jdbc().sql("""
                        UPDATE call_participants SET disconnected_at = now() - interval '1 minute'
                        WHERE call_id = ? AND user_id = ?
                        """).params(call, bob.id()).update();
                assertThat(a.await(f -> "peer_left".equals(type(f)) && "timed_out".equals(f.path("reason").asString()))
                    .path("user_id").asString()).isEqualTo(bob.id().toString());
                assertThat(a.awaitType("ended").path("reason").asString()).isEqualTo("completed");
                assertThat(status(call, alice)).isEqualTo("ended");
            }
        }
    }

    @Test
    void endingTheCallOnTheSocketEndsItForEveryoneAndIsRecorded() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        try (SignalClient a = SignalClient.connect(cluster, 0, alice); SignalClient b = SignalClient.connect(cluster, 1, bob)) {
            a.join(call);
            b.join(call);
            b.send(frame("end", "call_id", call));
            for (SignalClient client : List.of(a, b)) {
                JsonNode ended = client.awaitType("ended");
                assertThat(ended.path("reason").asString()).isEqualTo("completed");
                assertThat(ended.path("ended_by").asString()).isEqualTo(bob.id().toString());
            }
            JsonNode record = api.get("/api/v1/calls/" + call, alice.token()).expect(200).body();
            assertThat(record.path("end_reason").asString()).isEqualTo("completed");
            assertThat(record.path("participants").get(1).path("joined_at").isNull()).isFalse();
            a.offer(call, bob.id());
            a.awaitError("not_found");
            JsonNode ended = await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.events("events.signaling", call.toString()), events -> events.size() >= 3).get(2);
            assertThat(ended.path("type").asString()).isEqualTo("CallEnded");
            assertThat(ended.path("payload").path("reason").asString()).isEqualTo("completed");
        }
    }

    @Test
    void joiningFromASecondSocketLetsTheFirstGo() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        try (SignalClient first = SignalClient.connect(cluster, 0, alice);
                SignalClient second = SignalClient.connect(cluster, 1, alice);
                SignalClient b = SignalClient.connect(cluster, 1, bob)) {
            first.join(call);
            b.join(call);
            second.join(call);
            assertThat(first.awaitType("left").path("reason").asString()).isEqualTo("joined_elsewhere");
            b.offer(call, alice.id());
            second.awaitFrom("offer", bob.id());
            first.offer(call, bob.id());
            first.awaitError("not_found");
            assertThat(first.frames("offer")).isEmpty();
        }
    }

    @Test
    void sessionDescriptionsAreRateLimitedPerUser() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        try (SignalClient a = SignalClient.connect(cluster, 0, alice); SignalClient b = SignalClient.connect(cluster, 1, bob)) {
            a.join(call);
            b.join(call);
            for (int i = 0; i < 70; i++) {
                a.offer(call, bob.id());
            }
            JsonNode limited = a.awaitError("rate_limited");
            assertThat(limited.path("details").path("retry_after_ms").asLong()).isPositive();
            assertThat(a.isClosed()).isFalse();
        }
    }
}
