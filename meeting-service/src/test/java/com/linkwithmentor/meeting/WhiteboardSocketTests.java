package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.meeting.MeetingCluster.TestUser;
import com.linkwithmentor.testsupport.SocketClient;

import tools.jackson.databind.JsonNode;

/**
 * The live board, {@code /ws/whiteboard}, with real WebSocket clients on two instances sharing
 * Redis and PostgreSQL: people drawing at once on different instances see each other's operations
 * and keep every stroke, a late joiner gets the board first, only participants get past the
 * handshake, bad frames and floods are answered with error frames, and the board reaches
 * PostgreSQL (and REST) on its own.
 */
class WhiteboardSocketTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api one = cluster.api(0);

    @BeforeEach
    void realTime() {
        cluster.clock().reset();
    }

    private record Session(UUID id, TestUser mentor, TestUser mentee) {
    }

    private Session session() {
        TestUser mentor = one.availableMentor(null);
        TestUser mentee = one.mentee();
        return new Session(one.booked(mentee, mentor.id(), one.slot(30, 10), one.slot(30, 11)), mentor, mentee);
    }

    private SocketClient connect(int instance, Session session, TestUser user) {
        return SocketClient.open(cluster.socketPort(instance), "/ws/whiteboard?session_id=" + session.id(),
                Map.of("Authorization", "Bearer " + user.token()));
    }

    private static Map<String, Object> add(String id, String kind, Object data) {
        return Map.of("op", "add", "element_id", id, "kind", kind, "data", data);
    }

    private static Map<String, Object> update(String id, Object data) {
        return Map.of("op", "update", "element_id", id, "data", data);
    }

    private static void ops(SocketClient client, String batchId, Object... ops) {
        client.send(SocketClient.frame("ops", "client_batch_id", batchId, "ops", List.of(ops)));
    }

    private static JsonNode ack(SocketClient client, String batchId) {
        return client.await(frame -> "ack".equals(SocketClient.type(frame))
                && batchId.equals(frame.path("client_batch_id").asString()));
    }

    private static JsonNode error(SocketClient client, String code) {
        return client.await(frame -> "error".equals(SocketClient.type(frame)) && code.equals(frame.path("code").asString()));
    }

    /**
     * The board as a client keeps it from what it received: the first snapshot, then every element
     * change applied only when its element version is newer than the one held (so the order in
     * which instances' messages arrive does not matter).
     */
    private static Map<String, Long> model(SocketClient client, Map<String, JsonNode> data) {
        Map<String, Long> versions = new HashMap<>();
        boolean snapshotSeen = false;
        for (JsonNode frame : client.frames()) {
            String type = SocketClient.type(frame);
            if ("snapshot".equals(type) && !snapshotSeen) {
                snapshotSeen = true;
                frame.path("elements").forEach(element -> {
                    versions.put(element.path("element_id").asString(), element.path("version").asLong());
                    data.put(element.path("element_id").asString(), element.path("data"));
                });
            }
            else if ("ops_applied".equals(type)) {
                frame.path("ops").forEach(change -> {
                    String id = change.path("element_id").asString();
                    long version = change.path("element_version").asLong();
                    if (version > versions.getOrDefault(id, 0L)) {
                        versions.put(id, version);
                        if (change.path("deleted").asBoolean()) {
                            data.remove(id);
                        }
                        else {
                            data.put(id, change.path("data"));
                        }
                    }
                });
            }
        }
        return versions;
    }

    private Api.Reply board(Session session) {
        return cluster.api(1).get("/api/v1/sessions/" + session.id() + "/whiteboard", session.mentee().token()).expect(200);
    }

    @Test
    void twoPeopleOnTwoInstancesDrawAtOnceSeeEachOtherAndKeepEveryStroke() throws Exception {
        Session session = session();
        try (SocketClient mentor = connect(0, session, session.mentor());
                SocketClient mentee = connect(1, session, session.mentee())) {
            assertThat(SocketClient.type(mentor.awaitType("snapshot"))).isEqualTo("snapshot");
            mentee.awaitType("snapshot");
            ops(mentor, "start", add("shared", "rect", Map.of("w", 0)));
            assertThat(ack(mentor, "start").path("version").asLong()).isEqualTo(1);
            int batches = 20;
            CompletableFuture<Void> drawing = CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> draw(mentor, "m", batches)),
                    CompletableFuture.runAsync(() -> draw(mentee, "e", batches)));
            drawing.get(20, java.util.concurrent.TimeUnit.SECONDS);
            for (int i = 0; i < batches; i++) {
                JsonNode mine = ack(mentor, "m" + i);
                JsonNode theirs = ack(mentee, "e" + i);
                assertThat(mine.path("applied").asInt()).isEqualTo(4);
                assertThat(theirs.path("applied").asInt()).isEqualTo(4);
            }
            long finalVersion = 1 + 2L * batches * 4;
            Api.Reply board = board(session);
            assertThat(board.header("ETag")).isEqualTo("\"" + finalVersion + "\"");
            assertThat(board.body().path("elements")).hasSize(1 + 2 * batches * 3);
            JsonNode shared = null;
            for (JsonNode element : board.body().path("elements")) {
                if (element.path("element_id").asString().equals("shared")) {
                    shared = element;
                }
            }
            assertThat(shared).isNotNull();
            assertThat(shared.path("version").asLong()).isEqualTo(1 + 2L * batches);
            JsonNode last = shared.path("data");
            // Both live views end where the board is: every stroke of both, the last writer's shared element.
            for (SocketClient client : List.of(mentor, mentee)) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    Map<String, JsonNode> data = new HashMap<>();
                    Map<String, Long> versions = model(client, data);
                    assertThat(data).hasSize(1 + 2 * batches * 3);
                    assertThat(versions.get("shared")).isEqualTo(1 + 2L * batches);
                    assertThat(data.get("shared")).isEqualTo(last);
                });
            }
            assertThat(mentee.frames("ops_applied")).anySatisfy(frame ->
                    assertThat(frame.path("by").asString()).isEqualTo(session.mentor().id().toString()));
            // Written back to PostgreSQL by the instances on their own.
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.jdbc()
                .sql("SELECT version FROM whiteboards WHERE session_id = ?").param(session.id()).query(Long.class)
                .optional().orElse(0L) == finalVersion);
        }
    }

    private static void draw(SocketClient client, String who, int batches) {
        for (int i = 0; i < batches; i++) {
            ops(client, who + i, add(who + i + "a", "stroke", Map.of("points", List.of(i, 1))),
                    add(who + i + "b", "stroke", Map.of("points", List.of(i, 2))),
                    update("shared", Map.of("w", i, "by", who)),
                    add(who + i + "c", "text", Map.of("text", who + " " + i)));
        }
    }

    @Test
    void aLateJoinerGetsTheBoardFirstThenLiveChanges() {
        Session session = session();
        try (SocketClient mentor = connect(0, session, session.mentor())) {
            mentor.awaitType("snapshot");
            ops(mentor, "b1", add("a", "rect", Map.of("w", 1)), add("b", "rect", Map.of("w", 2)),
                    add("c", "text", Map.of("text", "hi")));
            ops(mentor, "b2", Map.of("op", "delete", "element_id", "b"), update("a", Map.of("w", 9)));
            assertThat(ack(mentor, "b2").path("version").asLong()).isEqualTo(5);
            try (SocketClient mentee = connect(1, session, session.mentee())) {
                JsonNode first = mentee.awaitType("snapshot");
                assertThat(mentee.frames().get(0)).isEqualTo(first);
                assertThat(first.path("version").asLong()).isEqualTo(5);
                assertThat(first.path("session_id").asString()).isEqualTo(session.id().toString());
                List<String> ids = new ArrayList<>();
                first.path("elements").forEach(element -> ids.add(element.path("element_id").asString()));
                assertThat(ids).containsExactlyInAnyOrder("a", "c");
                assertThat(first.path("limits").path("max_ops_per_batch").asInt()).isEqualTo(200);
                ops(mentee, "late", add("d", "dot", Map.of()));
                JsonNode seen = mentor.await(frame -> "ops_applied".equals(SocketClient.type(frame))
                        && frame.path("version").asLong() == 6);
                assertThat(seen.path("by").asString()).isEqualTo(session.mentee().id().toString());
                assertThat(seen.path("ops").get(0).path("element_id").asString()).isEqualTo("d");
                // A client that lost track asks again.
                mentee.send(SocketClient.frame("sync"));
                assertThat(mentee.await(frame -> "snapshot".equals(SocketClient.type(frame))
                        && frame.path("version").asLong() == 6).path("elements")).hasSize(3);
            }
        }
    }

    @Test
    void connectionsOpenedWhileTheBoardIsBusyGetTheSnapshotFirstAndMissNothing() throws Exception {
        Session session = session();
        try (SocketClient mentor = connect(0, session, session.mentor())) {
            mentor.awaitType("snapshot");
            CompletableFuture<Void> drawing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    ops(mentor, "busy" + i, add("s" + i, "stroke", Map.of("i", i)), update("s" + i, Map.of("i", -i)));
                }
            });
            List<SocketClient> joiners = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    joiners.add(connect(1 - i % 2, session, i % 3 == 0 ? session.mentor() : session.mentee()));
                }
                drawing.get(20, java.util.concurrent.TimeUnit.SECONDS);
                ack(mentor, "busy29");
                JsonNode board = board(session).body();
                assertThat(board.path("version").asLong()).isEqualTo(60);
                for (SocketClient joiner : joiners) {
                    assertThat(SocketClient.type(joiner.awaitType("snapshot"))).isEqualTo("snapshot");
                    assertThat(SocketClient.type(joiner.frames().get(0))).isEqualTo("snapshot");
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        Map<String, JsonNode> data = new HashMap<>();
                        Map<String, Long> versions = model(joiner, data);
                        assertThat(data).hasSize(30);
                        board.path("elements").forEach(element -> {
                            assertThat(versions.get(element.path("element_id").asString()))
                                .isEqualTo(element.path("version").asLong());
                            assertThat(data.get(element.path("element_id").asString())).isEqualTo(element.path("data"));
                        });
                    });
                }
            }
            finally {
                joiners.forEach(SocketClient::close);
            }
        }
    }

    @Test
    void whenAnInstanceStopsItsSocketsAreToldToReconnectAndTheBoardIsWhole() {
        Session session = session();
        org.springframework.context.ConfigurableApplicationContext extra = cluster.startExtraInstance();
        try (SocketClient mentee = connect(1, session, session.mentee())) {
            mentee.awaitType("snapshot");
            int port = extra.getBean(com.linkwithmentor.realtime.RealtimeServer.class).port();
            SocketClient mentor = SocketClient.open(port, "/ws/whiteboard?session_id=" + session.id(),
                    Map.of("Authorization", "Bearer " + session.mentor().token()));
            mentor.awaitType("snapshot");
            for (int i = 0; i < 5; i++) {
                ops(mentor, "before" + i, add("p" + i, "stroke", Map.of("i", i)));
            }
            ack(mentor, "before4");
            extra.close();
            assertThat(mentor.awaitClose(Duration.ofSeconds(15))).isEqualTo(1012);
            try (SocketClient again = connect(0, session, session.mentor())) {
                JsonNode snapshot = again.awaitType("snapshot");
                assertThat(snapshot.path("version").asLong()).isEqualTo(5);
                assertThat(snapshot.path("elements")).hasSize(5);
                ops(again, "after", add("q", "dot", Map.of()));
                assertThat(mentee.await(frame -> "ops_applied".equals(SocketClient.type(frame))
                        && frame.path("version").asLong() == 6).path("by").asString()).isEqualTo(session.mentor().id().toString());
            }
            assertThat(mentee.frames("ops_applied")).hasSize(6);
        }
        finally {
            extra.close();
        }
    }

    @Test
    void whenTheSessionEndsLiveViewersAreToldAndTheBoardIsWrittenBackAtOnce() {
        Session session = session();
        try (SocketClient mentor = connect(0, session, session.mentor());
                SocketClient mentee = connect(1, session, session.mentee())) {
            mentor.awaitType("snapshot");
            mentee.awaitType("snapshot");
            ops(mentor, "last", add("a", "rect", Map.of("w", 1)), add("b", "text", Map.of("text", "bye")));
            ack(mentor, "last");
            cluster.api(1).action(session.id(), "cancel", Map.of("reason", "done"), session.mentee().token()).expect(200);
            for (SocketClient client : List.of(mentor, mentee)) {
                assertThat(client.awaitType("board_closed").path("version").asLong()).isEqualTo(2);
            }
            assertThat(cluster.jdbc().sql("SELECT version FROM whiteboards WHERE session_id = ?").param(session.id())
                .query(Long.class).single()).isEqualTo(2);
            ops(mentor, "late", add("c", "dot", Map.of()));
            assertThat(error(mentor, "conflict").path("client_batch_id").asString()).isEqualTo("late");
            assertThat(board(session).body().path("elements")).hasSize(2);
        }
    }

    @Test
    void onlyParticipantsWithATokenGetPastTheHandshake() {
        Session session = session();
        int port = cluster.socketPort(1);
        String path = "/ws/whiteboard?session_id=" + session.id();
        TestUser stranger = one.mentee();
        SocketClient.Refusal other = SocketClient.refused(port, path, Map.of("Authorization", "Bearer " + stranger.token()));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).contains("NOT_FOUND");
        assertThat(SocketClient.refused(port, "/ws/whiteboard?session_id=" + UUID.randomUUID(),
                Map.of("Authorization", "Bearer " + session.mentor().token())).status()).isEqualTo(404);
        assertThat(SocketClient.refused(port, path, Map.of()).status()).isEqualTo(401);
        SocketClient.Refusal malformed = SocketClient.refused(port, "/ws/whiteboard?session_id=nope",
                Map.of("Authorization", "Bearer " + session.mentor().token()));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("session_id");
        assertThat(SocketClient.refused(port, "/ws/whiteboard", Map.of("Authorization", "Bearer " + session.mentor().token()))
            .status()).isEqualTo(400);
    }

    @Test
    void badFramesAreAnsweredWithErrorFramesAndTheSocketStays() {
        Session session = session();
        try (SocketClient mentor = connect(0, session, session.mentor())) {
            mentor.awaitType("snapshot");
            mentor.sendRaw("not json");
            error(mentor, "bad_frame");
            mentor.send(SocketClient.frame("paint"));
            error(mentor, "bad_frame");
            ops(mentor, "v1", add("bad id!", "stroke", Map.of()));
            assertThat(error(mentor, "validation_error").path("details").path("field").asString())
                .isEqualTo("ops[0].element_id");
            ops(mentor, "v2", Map.of("op", "add", "element_id", "k", "data", Map.of()));
            JsonNode noKind = error(mentor, "validation_error");
            assertThat(noKind.path("details").path("field").asString()).isEqualTo("ops[0].kind");
            assertThat(noKind.path("client_batch_id").asString()).isEqualTo("v2");
            ops(mentor, "v3", add("k", "stroke", List.of(1)));
            assertThat(error(mentor, "validation_error").path("details").path("field").asString()).isEqualTo("ops[0].data");
            mentor.send(SocketClient.frame("ops", "client_batch_id", "v4", "ops", List.of()));
            assertThat(error(mentor, "validation_error").path("details").path("field").asString()).isEqualTo("ops");
            ops(mentor, "v5", update("ghost", Map.of()), add("real", "dot", Map.of()));
            JsonNode mixed = ack(mentor, "v5");
            assertThat(mixed.path("applied").asInt()).isEqualTo(1);
            assertThat(mixed.path("results").get(0).path("reason").asString()).isEqualTo("missing");
            assertThat(mixed.path("results").get(1).path("status").asString()).isEqualTo("applied");
            assertThat(mentor.isClosed()).isFalse();
        }
    }

    @Test
    void theBoardsSizeAndTheOperationRateAreBounded() {
        Session session = session();
        try (SocketClient mentor = connect(0, session, session.mentor())) {
            mentor.awaitType("snapshot");
            ops(mentor, "huge", add("h", "stroke", Map.of("points", "x".repeat(20_000))));
            assertThat(ack(mentor, "huge").path("results").get(0).path("reason").asString()).isEqualTo("element_too_large");
            List<Object> many = new ArrayList<>();
            for (int i = 0; i < 201; i++) {
                many.add(add("e" + i, "dot", Map.of()));
            }
            mentor.send(SocketClient.frame("ops", "client_batch_id", "many", "ops", many));
            assertThat(error(mentor, "payload_too_large").path("details").path("max_ops").asInt()).isEqualTo(200);
            // A board holds at most 2 MB: 16 KB elements, seven to a frame, until it is full.
            String big = "y".repeat(16_000);
            int sent = 0;
            for (int frame = 0; frame < 19; frame++) {
                List<Object> batch = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    batch.add(add("big" + sent++, "image", Map.of("src", big)));
                }
                mentor.send(SocketClient.frame("ops", "client_batch_id", "fill" + frame, "ops", batch));
            }
            int applied = 0;
            boolean full = false;
            for (int frame = 0; frame < 19; frame++) {
                JsonNode ack = ack(mentor, "fill" + frame);
                applied += ack.path("applied").asInt();
                for (JsonNode result : ack.path("results")) {
                    full |= "board_full".equals(result.path("reason").asString());
                }
            }
            assertThat(full).isTrue();
            assertThat(applied).isBetween(120, 131);
            // A late joiner still gets the whole full board.
            try (SocketClient mentee = connect(1, session, session.mentee())) {
                assertThat(mentee.awaitType("snapshot").path("elements")).hasSize(applied);
            }
            // A frame beyond the socket's size limit closes it (1009).
            mentor.send(SocketClient.frame("ops", "client_batch_id", "x", "ops", List.of(add("z", "s", Map.of("s",
                    "z".repeat(200_000))))));
            assertThat(mentor.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
        }
        Session flooded = session();
        try (SocketClient mentee = connect(1, flooded, flooded.mentee())) {
            mentee.awaitType("snapshot");
            for (int frame = 0; frame < 12; frame++) {
                List<Object> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    batch.add(add("f" + frame + "x" + i, "dot", Map.of()));
                }
                mentee.send(SocketClient.frame("ops", "client_batch_id", "f" + frame, "ops", batch));
            }
            JsonNode limited = error(mentee, "rate_limited");
            assertThat(limited.path("details").path("retry_after_seconds").asLong()).isPositive();
            assertThat(limited.path("client_batch_id").asString()).startsWith("f");
            ack(mentee, "f0");
            assertThat(mentee.isClosed()).isFalse();
        }
        assertThat(board(flooded).body().path("elements").size()).isLessThan(600);
    }
}
