package com.linkwithmentor.chat;

import static com.linkwithmentor.chat.ChatClient.frame;
import static com.linkwithmentor.chat.ChatClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.chat.ChatCluster.TestUser;
import com.linkwithmentor.realtime.CloseCodes;
import com.linkwithmentor.testsupport.EmbeddedRedis;

import tools.jackson.databind.JsonNode;

/**
 * What clients live through when the platform under them fails: an instance stopped under them,
 * and Redis restarting mid-traffic. Each test runs a cluster of its own (it breaks it).
 */
class ChatFailoverTests {

    @Test
    void clientsOfAStoppedInstanceAreToldToReconnectAndResumeOnTheOtherWithNothingLostOrRepeated() throws Exception {
        try (ChatCluster cluster = ChatCluster.start("chat_failover", 4, Map.of(
                "lwm.chat.moderation.url", "http://127.0.0.1:" + ChatCluster.freePort(),
                "lwm.chat.moderation.recheck-interval", "1h",
                "lwm.chat.messages.send-rate.capacity", "500",
                "lwm.chat.messages.send-rate.per-second", "500",
                // One sender as fast as its acks come back: past the layer's default 30 frames a
                // second, a send is refused with rate_limited (which names no client_msg_id).
                "lwm.realtime.frames-per-second", "10000",
                "lwm.realtime.frame-burst", "10000",
                "lwm.realtime.user-frames-per-second", "10000",
                "lwm.realtime.user-frame-burst", "10000"))) {
            Api api = cluster.api(1);
            TestUser alice = cluster.newUser();
            List<TestUser> readers = new ArrayList<>();
            List<UUID> conversations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestUser reader = cluster.newUser();
                readers.add(reader);
                conversations.add(api.direct(alice, reader.id()).expect(201).id("conversation_id"));
            }
            List<ChatClient> onDoomed = new ArrayList<>();
            for (TestUser reader : readers) {
                onDoomed.add(cluster.connect(0, reader));
            }
            int total = 40;
            try (ChatClient sender = cluster.connect(1, alice)) {
                CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                    for (int i = 1; i <= total; i++) {
                        for (UUID conversation : conversations) {
                            assertThat(type(sender.sendMessage(conversation, "f-" + conversation + "-" + i, "message " + i)))
                                .isEqualTo("ack");
                        }
                    }
                });
                // Some messages arrive live first; then the instance goes away in the middle of the traffic.
                onDoomed.forEach(client -> client.awaitCount("message", 5, Duration.ofSeconds(10)));
                cluster.stop(0);

                for (int r = 0; r < readers.size(); r++) {
                    ChatClient doomed = onDoomed.get(r);
                    assertThat(doomed.awaitClose(Duration.ofSeconds(10))).isEqualTo(CloseCodes.SERVICE_RESTART);
                    List<Long> before = seqs(doomed.frames("message"));
                    long lastSeen = before.isEmpty() ? 0 : before.get(before.size() - 1);
                    try (ChatClient back = reconnect(cluster, 1, readers.get(r))) {
                        UUID conversation = conversations.get(r);
                        back.send(frame("resume", "conversation_id", conversation, "last_seq", lastSeen));
                        back.awaitType("resumed");
                        sending.get();
                        List<Long> after = seqs(back.awaitCount("message", total - (int) lastSeen, Duration.ofSeconds(15)));
                        List<Long> all = new ArrayList<>(before);
                        all.addAll(after);
                        // Live messages after the new ready and the resumed ones before it are each in order.
                        assertThat(all).as("every message exactly once across the move")
                            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
                        assertThat(before).isSorted();
                    }
                }
            }
        }
    }

    @Test
    void whenRedisRestartsMidTrafficSocketsStayUpAndWhatWasSentMeanwhileStillReachesTheReader() {
        EmbeddedRedis redis = EmbeddedRedis.start(EmbeddedRedis.freePort());
        try (ChatCluster cluster = ChatCluster.start("chat_redis_restart", redis.url(), Map.of(
                "lwm.chat.moderation.url", "http://127.0.0.1:" + ChatCluster.freePort(),
                "lwm.chat.moderation.recheck-interval", "1h",
                "lwm.redis.command-timeout", "500ms"))) {
            Api api = cluster.api(0);
            TestUser alice = cluster.newUser();
            TestUser bob = cluster.newUser();
            UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
            try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
                a.sendMessage(conversation, "redis-1", "before the restart");
                b.awaitCount("message", 1, Duration.ofSeconds(5));

                redis.stop();
                // Stored and acked while Redis is away (the database is the record); Pub/Sub cannot carry them.
                for (int i = 2; i <= 4; i++) {
                    JsonNode ack = a.sendMessage(conversation, "redis-" + i, "while Redis is away " + i);
                    assertThat(ack.path("seq").asLong()).as(ack.toString()).isEqualTo(i);
                }
                redis.restart();

                // Nothing more is sent: the instance resyncs its rooms when Redis is back and fills the gap.
                List<Long> seqs = seqs(b.awaitCount("message", 4, Duration.ofSeconds(45)));
                assertThat(seqs).containsExactly(1L, 2L, 3L, 4L);
                Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(type(a.sendMessage(conversation, "redis-live-" + UUID.randomUUID(), "live again")))
                        .isEqualTo("ack");
                    assertThat(b.await(f -> "message".equals(type(f)) && f.path("seq").asLong() >= 5,
                            Duration.ofSeconds(2))).isNotNull();
                });
                assertThat(seqs(b.frames("message"))).doesNotHaveDuplicates().isSorted();
                assertThat(a.isClosed()).isFalse();
                assertThat(b.isClosed()).isFalse();
            }
        }
        finally {
            redis.stop();
        }
    }

    /**
     * Connects as a client told 1012 does: at once, and again if that attempt fails. Under load a
     * handshake right after the sibling instance stopped has been seen to stall past the client's
     * 10 s timeout (not reproduced alone); the threads at that moment, virtual ones included, are
     * written to target/ so the cause can be read the next time it happens.
     */
    private static ChatClient reconnect(ChatCluster cluster, int instance, TestUser user) {
        AtomicInteger attempts = new AtomicInteger();
        return Awaitility.await("a socket on the surviving instance").atMost(Duration.ofSeconds(35))
            .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
            .until(() -> {
                // While the first attempt is still waiting (the server gives up at 10 s), not after.
                CompletableFuture<Void> stalled = attempts.incrementAndGet() == 1
                        ? CompletableFuture.runAsync(ChatFailoverTests::dumpThreads,
                                CompletableFuture.delayedExecutor(5, java.util.concurrent.TimeUnit.SECONDS))
                        : CompletableFuture.completedFuture(null);
                try {
                    return cluster.connect(instance, user);
                }
                catch (IllegalStateException ex) {
                    System.err.println("Reconnect attempt " + attempts.get() + " failed: " + ex.getCause());
                    return null;
                }
                finally {
                    stalled.cancel(false);
                }
            }, java.util.Objects::nonNull);
    }

    /** Every thread, virtual ones included (they run the sockets' frames and handshakes), as JSON in target/. */
    private static void dumpThreads() {
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "failover-threads-" + System.nanoTime() + ".json")
                .toAbsolutePath();
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            System.err.println("Reconnect failed; threads in " + file);
        }
        catch (java.io.IOException | RuntimeException ex) {
            System.err.println("Reconnect failed; no thread dump: " + ex);
        }
    }

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(f -> f.path("seq").asLong()).toList();
    }
}
