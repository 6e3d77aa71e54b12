package com.linkwithmentor.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.signaling.CallBrowsers.Browser;
import com.linkwithmentor.signaling.SignalingCluster.TestUser;
import com.linkwithmentor.testsupport.ApiClient;
import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/**
 * Two headless Chromiums in a call through the gateway, on the call page it serves at /call/:
 * they connect and receive media, screen share starts and stops by renegotiation mid-call, a
 * dropped signaling socket rejoins without ending the call, relay-only ICE connects through
 * coturn, a non-participant gets nowhere, and an ended call's TURN credential is dead.
 * Skipped, saying so, when Chromium is not installed.
 */
class CallBrowserTests {

    private static SignalingCluster cluster;

    private static CallBrowsers browsers;

    @BeforeAll
    static void start() {
        assumeTrue(CallBrowsers.chromiumInstalled(),
                "Chromium is not installed at /usr/bin/chromium (apt-get install chromium): the browser tests are SKIPPED");
        cluster = SignalingCluster.shared();
        browsers = CallBrowsers.start(cluster);
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    private UUID call(TestUser caller, TestUser callee, String type) {
        cluster.neighbours().conversation(caller.id(), callee.id());
        return browsers.edge().post("/api/v1/calls", Map.of("participant_ids", List.of(callee.id().toString()),
                "call_type", type), caller.token()).expect(201).id("call_id");
    }

    private static void awaitMediaGrowing(Browser browser, UUID from) {
        long before = browser.inboundBytes(from);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
            .until(() -> browser.inboundBytes(from) > before + 1000);
    }

    @Test
    void twoBrowsersConnectShareAScreenSurviveASocketDropAndHangUp() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob, "video");
        try (Browser a = browsers.open(); Browser b = browsers.open()) {
            long opened = System.nanoTime();
            a.openCall(call, alice, false);
            b.openCall(call, bob, false);
            CallBrowsers.awaitConnected(a, alice.id(), b, bob.id());
            long setUpMillis = (System.nanoTime() - opened) / 1_000_000;
            System.out.printf("browser call set-up: pages opened -> both connected %d ms; bob's join -> connected %d ms%n",
                    setUpMillis, b.between("joined", "connection_state", "connected"));
            awaitMediaGrowing(a, bob.id());
            awaitMediaGrowing(b, alice.id());
            // Without TURN (coturn not installed) the call is degraded and the page keeps to audio.
            boolean video = TurnServer.installed();
            assertThat(b.state().path("degraded").asBoolean()).isEqualTo(!video);
            if (video) {
                assertThat(b.stats(alice.id()).path("inbound").path("video").asLong()).isPositive();
            }
            // Both ends on this machine: the pages offer only 127.0.0.1 candidates (loopback=1), and
            // Chromium may pair one with its own host address, which still never leaves the machine
            // (or pick the loopback TURN relay it also gathered; relay-only is the next test).
            JsonNode pair = b.stats(alice.id()).path("pair");
            assertThat(pair.path("local").asString()).isIn("host", "prflx", "relay");
            assertThat(isThisMachine(pair.path("localAddress").asString())).as(pair.toString()).isTrue();
            assertThat(isThisMachine(pair.path("remoteAddress").asString())).as(pair.toString()).isTrue();
            assertThat(browsers.edge().get("/api/v1/calls/" + call, alice.token()).text("status")).isEqualTo("active");

            // Screen share: a renegotiation while the call goes on; Bob sees it as a screen.
            a.page.click("#share");
            await().atMost(Duration.ofSeconds(30)).until(() -> b.state().path("tiles").valueStream()
                .anyMatch(tile -> "screen".equals(tile.path("purpose").asString())));
            int videoTracks = video ? 2 : 1;
            await().atMost(Duration.ofSeconds(20))
                .until(() -> b.stats(alice.id()).path("inboundVideoTracks").asInt() >= videoTracks);
            awaitMediaGrowing(b, alice.id());
            a.page.click("#share");
            await().atMost(Duration.ofSeconds(30)).until(() -> b.state().path("tiles").valueStream()
                .noneMatch(tile -> "screen".equals(tile.path("purpose").asString())));
            assertThat(a.connectedTo(bob.id())).isTrue();
            awaitMediaGrowing(b, alice.id());

            // Alice's signaling socket drops: it comes back, rejoins, and the media never stopped.
            a.page.evaluate("() => window.lwmCall.dropSocket()");
            await().atMost(Duration.ofSeconds(30)).until(() -> a.state().path("events").valueStream()
                .anyMatch(event -> "joined".equals(event.path("event").asString()) && event.path("rejoined").asBoolean()));
            await().atMost(Duration.ofSeconds(30)).until(() -> b.state().path("events").valueStream()
                .anyMatch(event -> "peer_joined".equals(event.path("event").asString()) && event.path("rejoined").asBoolean()));
            assertThat(b.connectedTo(alice.id())).isTrue();
            awaitMediaGrowing(b, alice.id());
            awaitMediaGrowing(a, bob.id());
            assertThat(browsers.edge().get("/api/v1/calls/" + call, bob.token()).text("status")).isEqualTo("active");

            b.page.click("#hangup");
            await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(a.state().path("ended").asString())
                    && "completed".equals(b.state().path("ended").asString()));
            JsonNode record = browsers.edge().get("/api/v1/calls/" + call, alice.token()).expect(200).body();
            assertThat(record.path("end_reason").asString()).isEqualTo("completed");
        }
    }

    private static boolean isThisMachine(String address) {
        try {
            java.net.InetAddress ip = java.net.InetAddress.getByName(address);
            return ip.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(ip) != null;
        }
        catch (java.io.IOException ex) {
            return false;
        }
    }

    @Test
    void relayOnlyConnectsThroughCoturnAndTheEndedCallsCredentialIsDead() throws Exception {
        assumeTrue(TurnServer.installed(), "coturn is not installed (apt-get install coturn): the relay test is SKIPPED");
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID call = call(alice, bob, "video");
        try (Browser a = browsers.open(); Browser b = browsers.open()) {
            a.openCall(call, alice, true);
            b.openCall(call, bob, true);
            CallBrowsers.awaitConnected(a, alice.id(), b, bob.id());
            System.out.printf("browser relay-only call: bob's join -> connected %d ms%n",
                    b.between("joined", "connection_state", "connected"));
            awaitMediaGrowing(b, alice.id());
            JsonNode pair = b.stats(alice.id()).path("pair");
            assertThat(pair.path("local").asString()).isEqualTo("relay");
            assertThat(pair.path("remote").asString()).isEqualTo("relay");
            assertThat(b.state().path("degraded").asBoolean()).isFalse();

            JsonNode turn = a.state().path("iceServers").valueStream()
                .filter(server -> server.path("urls").get(0).asString().startsWith("turn:")).findFirst().orElseThrow();
            a.page.click("#hangup");
            await().atMost(Duration.ofSeconds(20)).until(() -> b.state().path("ended").isString());

            TurnClient.Outcome after = TurnClient.allocate(cluster.turn().port(), turn.path("username").asString(),
                    turn.path("credential").asString(), TurnServer.REALM);
            assertThat(after.allocated()).as("the ended call's TURN credential must not authenticate").isFalse();
            assertThat(after.errorCode()).isEqualTo(401);
        }
    }

    @Test
    void aNonParticipantCannotJoinTheCall() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        TestUser mallory = cluster.newUser();
        UUID call = call(alice, bob, "audio");
        ApiClient edge = browsers.edge();
        edge.get("/api/v1/calls/" + call + "/ice-servers", mallory.token()).expectError(404, "NOT_FOUND");
        try (Browser m = browsers.open()) {
            m.openCall(call, mallory, false);
            await().atMost(Duration.ofSeconds(30)).until(() -> m.state().path("events").valueStream()
                .anyMatch(event -> "start_failed".equals(event.path("event").asString())));
            assertThat(m.page.textContent("#status")).contains("404");
        }
        try (SignalClient socket = SignalClient.connect(browsers.gatewayPort(), mallory)) {
            socket.send(SocketClient.frame("join", "call_id", call));
            assertThat(socket.awaitError("not_found").path("call_id").asString()).isEqualTo(call.toString());
        }
    }
}
