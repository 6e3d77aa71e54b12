package com.linkwithmentor.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.signaling.SignalingCluster.TestUser;
import com.linkwithmentor.testsupport.ApiClient;

import tools.jackson.databind.JsonNode;

/**
 * TURN against a real coturn reading its users from Redis: a call's credential allocates a relay
 * while the call lives and is refused once it ended or its user was suspended; a dead TURN server
 * means STUN-only answers marked degraded until it is back.
 */
class TurnTests {

    private final SignalingCluster cluster = SignalingCluster.shared();

    private final ApiClient api = cluster.api(0);

    @BeforeEach
    void coturnIsInstalled() {
        assumeTrue(TurnServer.installed(), "coturn is not installed (apt-get install coturn): TURN tests skipped");
        await().atMost(Duration.ofSeconds(15)).until(() -> !iceServers(anyCall()).path("degraded").asBoolean());
    }

    private UUID anyCall() {
        TestUser a = cluster.newUser();
        TestUser b = cluster.newUser();
        return call(a, b);
    }

    private final Map<UUID, TestUser> callers = new java.util.concurrent.ConcurrentHashMap<>();

    private UUID call(TestUser caller, TestUser callee) {
        cluster.neighbours().conversation(caller.id(), callee.id());
        UUID call = api.post("/api/v1/calls", Map.of("participant_ids", List.of(callee.id().toString()), "call_type", "video"),
                caller.token()).expect(201).id("call_id");
        callers.put(call, caller);
        return call;
    }

    private JsonNode iceServers(UUID call) {
        return api.get("/api/v1/calls/" + call + "/ice-servers", callers.get(call).token()).expect(200).body();
    }

    private static JsonNode turnEntry(JsonNode servers) {
        return servers.path("ice_servers").valueStream()
            .filter(server -> server.path("urls").get(0).asString().startsWith("turn:")).findFirst().orElseThrow();
    }

    private TurnClient.Outcome allocate(JsonNode turn) throws IOException {
        return TurnClient.allocate(cluster.turn().port(), turn.path("username").asString(), turn.path("credential").asString(),
                TurnServer.REALM);
    }

    @Test
    void aCallsCredentialAllocatesARelayUntilTheCallEnds() throws IOException {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        JsonNode turn = turnEntry(iceServers(call));
        assertThat(allocate(turn).allocated()).as("allocated with the call's credential").isTrue();
        assertThat(TurnClient.allocate(cluster.turn().port(), turn.path("username").asString(), "not-the-password",
                TurnServer.REALM).errorCode()).isEqualTo(401);

        api.post("/api/v1/calls/" + call + "/end", null, bob.token()).expect(200);

        TurnClient.Outcome after = allocate(turn);
        assertThat(after.allocated()).as("the ended call's credential no longer authenticates").isFalse();
        assertThat(after.errorCode()).isEqualTo(401);
        long keys = cluster.<Long>redis(redis -> redis.exists("turn/realm/" + TurnServer.REALM + "/user/"
                + turn.path("username").asString() + "/key"));
        assertThat(keys).isZero();
    }

    @Test
    void aSuspendedUserLosesTheirCredentialsAndCallsAndCannotCallUntilReinstated() throws IOException {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob);
        JsonNode turn = turnEntry(iceServers(call));
        assertThat(allocate(turn).allocated()).isTrue();

        cluster.publish("events.moderation", "UserSuspended", "moderation-service",
                Map.of("user_id", alice.id().toString(), "reason", "harassment", "severity", "high"));

        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/calls/" + call, bob.token()).text("end_reason"),
                "failed"::equals);
        assertThat(allocate(turn).errorCode()).isEqualTo(401);
        api.post("/api/v1/calls", Map.of("participant_ids", List.of(bob.id().toString()), "call_type", "audio"),
                alice.token()).expectError(403, "FORBIDDEN");

        cluster.publish("events.moderation", "UserReinstated", "moderation-service",
                Map.of("user_id", alice.id().toString()));
        await().atMost(Duration.ofSeconds(15)).until(() -> api.post("/api/v1/calls",
                Map.of("participant_ids", List.of(bob.id().toString()), "call_type", "audio"), alice.token()).status() == 201);
    }

    @Test
    void whileTurnIsDownCallsGetStunOnlyMarkedDegradedAndTurnAgainOnceItIsBack() {
        UUID call = anyCall();
        cluster.turn().close();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> iceServers(call).path("degraded").asBoolean());
            JsonNode degraded = iceServers(call);
            assertThat(degraded.path("ice_servers").valueStream()
                .flatMap(server -> server.path("urls").valueStream()).map(JsonNode::asString))
                .allMatch(url -> url.startsWith("stun:"));
        }
        finally {
            cluster.turn().restart();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !iceServers(call).path("degraded").asBoolean());
        assertThat(turnEntry(iceServers(call)).path("credential").asString()).isNotBlank();
    }
}
