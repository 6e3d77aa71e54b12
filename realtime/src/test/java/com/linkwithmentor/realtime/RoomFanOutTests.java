package com.linkwithmentor.realtime;

import static com.linkwithmentor.testsupport.SocketClient.frame;
import static com.linkwithmentor.testsupport.SocketClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.realtime.sample.EchoSocket;
import com.linkwithmentor.testsupport.EmbeddedRedis;
import com.linkwithmentor.testsupport.SocketClient;
import com.linkwithmentor.testsupport.TestServers;

import tools.jackson.databind.JsonNode;

/** Rooms across two instances over Redis Pub/Sub: order, subscriptions that follow members, and a Redis restart. */
class RoomFanOutTests {

    @Test
    void aRoomMessageReachesMembersOnBothInstancesInTheOrderItWasPublished() {
        try (SocketCluster cluster = SocketCluster.start(2, TestServers.redis().url(), Map.of())) {
            String room = "r-" + UUID.randomUUID();
            SocketClient onA = cluster.connect(0, UUID.randomUUID(), "&room=" + room);
            SocketClient onB = cluster.connect(1, UUID.randomUUID(), "&room=" + room);
            SocketClient shouter = cluster.connect(0);
            for (int i = 0; i < 50; i++) {
                shouter.send(frame("shout", "room", room, "text", "n" + i, "seq", i));
            }
            for (SocketClient member : List.of(onA, onB)) {
                List<Long> seqs = member.awaitCount("shouted", 50, Duration.ofSeconds(10)).stream()
                    .map(f -> f.path("seq").asLong()).toList();
                assertThat(seqs).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> (long) i).toList());
            }
            assertThat(cluster.bean(1, EchoSocket.class).rooms().contains(room)).isTrue();

            onB.close();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !cluster.bean(1, EchoSocket.class).rooms().contains(room));
            List.of(onA, shouter).forEach(SocketClient::close);
        }
    }

    @Test
    void whenRedisRestartsSocketsStayUpAndFanOutResumesWithTheRoomsResynced() {
        EmbeddedRedis redis = EmbeddedRedis.start(EmbeddedRedis.freePort());
        try (SocketCluster cluster = SocketCluster.start(2, redis.url(), Map.of("lwm.redis.command-timeout", "500ms"))) {
            String room = "r-" + UUID.randomUUID();
            SocketClient onA = cluster.connect(0, UUID.randomUUID(), "&room=" + room);
            SocketClient onB = cluster.connect(1, UUID.randomUUID(), "&room=" + room);
            onA.send(frame("shout", "room", room, "text", "before", "seq", 1));
            onB.await(f -> "shouted".equals(type(f)) && f.path("seq").asLong() == 1);
            int resyncsBefore = EchoSocket.RESYNCS.get();

            redis.stop();
            // While Redis is away the sockets are served; a shout fails inside the service (an internal_error answer).
            onA.send(frame("say", "text", "still here", "request_id", "during"));
            assertThat(onA.awaitType("said").path("request_id").asString()).isEqualTo("during");
            onA.send(frame("shout", "room", room, "text", "lost", "seq", 2));
            JsonNode failed = onA.awaitType("error");
            assertThat(failed.path("code").asString()).isEqualTo("internal_error");
            redis.restart();

            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> EchoSocket.RESYNCS.get() >= resyncsBefore + 2);
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                onA.send(frame("shout", "room", room, "text", "after", "seq", 3));
                assertThat(onB.await(f -> "shouted".equals(type(f)) && f.path("seq").asLong() == 3, Duration.ofSeconds(1)))
                    .isNotNull();
            });
            assertThat(onA.isClosed()).isFalse();
            assertThat(onB.isClosed()).isFalse();
            List.of(onA, onB).forEach(SocketClient::close);
        }
        finally {
            redis.stop();
        }
    }
}
