package com.linkwithmentor.realtime;

import static com.linkwithmentor.testsupport.SocketClient.frame;
import static com.linkwithmentor.testsupport.SocketClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.RawSocket;
import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/** The limits that keep one client from hurting others, and the promise that {@code ready} comes first. */
class ConnectionLimitsTests {

    private final SocketCluster cluster = SharedCluster.get();

    @Test
    void aConnectionThatSendsTooFastIsToldHowLongToWaitAndKeepsItsSocket() {
        try (SocketClient client = cluster.connect(0)) {
            for (int i = 0; i < 120; i++) {
                client.send(frame("say", "text", "flood " + i, "request_id", "f-" + i));
            }
            JsonNode limited = client.await(f -> "error".equals(type(f)) && "rate_limited".equals(f.path("code").asString()));
            assertThat(limited.path("details").path("retry_after_ms").asLong()).isPositive();
            // The burst went through; the rest was refused, at most one notice a second.
            List<JsonNode> said = client.awaitCount("said", 60, Duration.ofSeconds(5));
            assertThat(said.size()).isBetween(60, 70);
            assertThat(client.frames("error").size()).isLessThanOrEqualTo(3);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() -> {
                String id = "after-" + UUID.randomUUID();
                client.send(frame("say", "text", "calm again", "request_id", id));
                assertThat(client.await(f -> id.equals(f.path("request_id").asString()), Duration.ofMillis(500)))
                    .isNotNull();
            });
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileTheOthersInTheRoomKeepPace() throws Exception {
        String room = "busy-" + UUID.randomUUID();
        UUID slowUser = UUID.randomUUID();
        try (RawSocket stalled = RawSocket.open(cluster.port(0), "/ws/echo?access_token=" + cluster.token(slowUser)
                + "&room=" + room, 4096);
                SocketClient reader = cluster.connect(0, UUID.randomUUID(), "&room=" + room)) {
            List<SocketClient> shouters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                shouters.add(cluster.connect(0));
            }
            String bulk = "z".repeat(3000);
            int each = 50;
            long started = System.nanoTime();
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int s = 0; s < shouters.size(); s++) {
                SocketClient shouter = shouters.get(s);
                int sender = s;
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        shouter.send(frame("shout", "room", room, "text", bulk, "seq", sender * 1000 + i));
                        if (i % 20 == 19) {
                            // Stay inside the frame budget: 20 frames, then the answer to a say.
                            String id = "pace-" + sender + "-" + i;
                            shouter.send(frame("say", "text", "pace", "request_id", id));
                            shouter.await(f -> id.equals(f.path("request_id").asString()), Duration.ofSeconds(5));
                        }
                    }
                }));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get();
            List<JsonNode> heard = reader.awaitCount("shouted", each * shouters.size(), Duration.ofSeconds(20));
            assertThat(heard).hasSize(each * shouters.size());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(stalled.drainUntilClosed(Duration.ofSeconds(15))).as("the stalled client was cut off").isTrue();
            shouters.forEach(SocketClient::close);
        }
    }

    @Test
    void nothingReachesAConnectionBeforeItsReadyEvenWhenItsRoomIsBusy() {
        String room = "lobby-" + UUID.randomUUID();
        List<SocketClient> shouters = List.of(cluster.connect(0), cluster.connect(0), cluster.connect(0));
        ScheduledExecutorService noise = Executors.newScheduledThreadPool(3);
        AtomicInteger seq = new AtomicInteger();
        // 60 room messages a second, each shouter within its frame budget.
        for (SocketClient shouter : shouters) {
            noise.scheduleAtFixedRate(() -> shouter.send(frame("shout", "room", room, "text", "noise", "seq",
                    seq.incrementAndGet())), 0, 50, TimeUnit.MILLISECONDS);
        }
        List<SocketClient> joiners = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                // Joins the busy room while opening, and takes a while before it is ready.
                joiners.add(cluster.connect(0, UUID.randomUUID(), "&room=" + room + "&open_ms=" + (i % 4 * 25)));
            }
            for (SocketClient joiner : joiners) {
                joiner.awaitCount("shouted", 1, Duration.ofSeconds(10));
                assertThat(type(joiner.frames().get(0))).as("first frame").isEqualTo("ready");
            }
        }
        finally {
            noise.shutdownNow();
            joiners.forEach(SocketClient::close);
            shouters.forEach(SocketClient::close);
        }
    }

    @Test
    void aSlowHandlerMakesTheServerStopReadingThatSocketNotQueueWithoutBound() {
        try (SocketClient client = cluster.connect(0)) {
            for (int i = 0; i < 50; i++) {
                client.send(frame("work", "millis", 20));
            }
            assertThat(client.awaitCount("worked", 50, Duration.ofSeconds(20))).hasSize(50);
            client.send(frame("say", "text", "done", "request_id", "w"));
            assertThat(client.awaitType("said").path("request_id").asString()).isEqualTo("w");
        }
    }

    @Test
    void webSocketPingsAndApplicationPingsAreBothAnswered() {
        try (SocketClient client = cluster.connect(0)) {
            client.ping();
            client.send(frame("ping"));
            JsonNode pong = client.awaitType("pong");
            assertThat(pong.path("at").asString()).isNotBlank();
        }
    }
}
