package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.redis.RealtimeSubscriber;
import com.linkwithmentor.meeting.MeetingCluster.TestUser;
import com.linkwithmentor.meeting.whiteboard.BoardMessage;
import com.linkwithmentor.meeting.whiteboard.LiveBoards;
import com.linkwithmentor.meeting.whiteboard.WhiteboardChannel;

import tools.jackson.databind.JsonNode;

/**
 * The board end to end over REST on two instances sharing Redis: element operations from both
 * sides keep each other's work, every change fans out to the other instance, the live state is
 * written back to PostgreSQL, and a whole-board write from a stale version is refused.
 */
class WhiteboardApiTests {

    private final MeetingCluster cluster = MeetingCluster.shared();

    private final Api one = cluster.api(0);

    private final Api two = cluster.api(1);

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

    private static Map<String, Object> add(String id, String kind, Object data) {
        return Map.of("op", "add", "element_id", id, "kind", kind, "data", data);
    }

    private Api.Reply ops(Api api, Session session, TestUser user, Object... ops) {
        return api.post("/api/v1/sessions/" + session.id() + "/whiteboard/ops", Map.of("ops", List.of(ops)), user.token());
    }

    @Test
    void twoPeopleOnTwoInstancesDrawAtOnceAndEachSeesTheOthersStrokesLive() {
        Session session = session();
        List<BoardMessage> seenOnTwo = new CopyOnWriteArrayList<>();
        try (RealtimeSubscriber.Subscription subscription = cluster.bean(1, WhiteboardChannel.class)
            .subscribe(session.id(), seenOnTwo::add)) {
            Api.Reply mine = ops(one, session, session.mentor(), add("m1", "stroke", Map.of("points", List.of(1, 2, 3))),
                    add("m2", "rect", Map.of("x", 1, "y", 2))).expect(200);
            assertThat(mine.body().path("applied").asInt()).isEqualTo(2);
            assertThat(mine.body().path("version").asLong()).isEqualTo(2);
            Api.Reply theirs = ops(two, session, session.mentee(), add("e1", "stroke", Map.of("points", List.of(9))),
                    Map.of("op", "update", "element_id", "m2", "data", Map.of("x", 5, "y", 2))).expect(200);
            assertThat(theirs.body().path("version").asLong()).isEqualTo(4);
            assertThat(theirs.body().path("results").get(1).path("element_version").asLong()).isEqualTo(2);

            await().atMost(Duration.ofSeconds(5)).until(() -> seenOnTwo.size() >= 2);
            BoardMessage.OpsApplied first = (BoardMessage.OpsApplied) seenOnTwo.get(0);
            assertThat(first.by()).isEqualTo(session.mentor().id());
            assertThat(first.version()).isEqualTo(2);
            assertThat(first.ops()).extracting(BoardMessage.ElementChange::elementId).containsExactly("m1", "m2");
            assertThat(((BoardMessage.OpsApplied) seenOnTwo.get(1)).ops().get(1).elementVersion()).isEqualTo(2);
        }
        Api.Reply board = one.get("/api/v1/sessions/" + session.id() + "/whiteboard", session.mentee().token()).expect(200);
        assertThat(board.header("ETag")).isEqualTo("\"4\"");
        assertThat(elements(board)).containsExactlyInAnyOrder("m1", "m2", "e1");
        JsonNode rect = find(board, "m2");
        assertThat(rect.path("data").path("x").asInt()).isEqualTo(5);
        assertThat(rect.path("version").asLong()).isEqualTo(2);
        assertThat(rect.path("updated_by").asString()).isEqualTo(session.mentee().id().toString());

        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.jdbc().sql(
                "SELECT version FROM whiteboards WHERE session_id = ?").param(session.id()).query(Long.class).optional()
            .orElse(0L) == 4L);
    }

    @Test
    void aDeletedElementCannotBeResurrectedAndRejectedOpsAreNamed() {
        Session session = session();
        ops(one, session, session.mentor(), add("t1", "text", Map.of("text", "hello"))).expect(200);
        ops(two, session, session.mentee(), Map.of("op", "delete", "element_id", "t1")).expect(200);
        Api.Reply late = ops(one, session, session.mentor(), Map.of("op", "update", "element_id", "t1", "data",
                Map.of("text", "late")), add("t1", "text", Map.of()), Map.of("op", "delete", "element_id", "ghost")).expect(200);
        assertThat(late.body().path("applied").asInt()).isZero();
        assertThat(late.body().path("results").get(0).path("status").asString()).isEqualTo("rejected");
        assertThat(late.body().path("results").get(0).path("reason").asString()).isEqualTo("deleted");
        assertThat(late.body().path("results").get(2).path("reason").asString()).isEqualTo("missing");
        assertThat(elements(one.get("/api/v1/sessions/" + session.id() + "/whiteboard", session.mentor().token()).expect(200)))
            .isEmpty();
    }

    @Test
    void aWholeBoardWriteNeedsTheVersionItWasReadAt() {
        Session session = session();
        String path = "/api/v1/sessions/" + session.id() + "/whiteboard";
        Api.Reply empty = one.get(path, session.mentor().token()).expect(200);
        assertThat(empty.header("ETag")).isEqualTo("\"0\"");
        Map<String, Object> document = Map.of("elements", List.of(Map.of("element_id", "a", "kind", "rect", "data",
                Map.of("w", 10)), Map.of("element_id", "b", "kind", "text", "data", Map.of("text", "plan"))));
        Api.Reply written = one.call("PUT", path, document, session.mentor().token(), Map.of("If-Match", "\"0\"")).expect(200);
        assertThat(written.header("ETag")).isEqualTo("\"1\"");
        one.call("PUT", path, document, session.mentee().token(), Map.of("If-Match", "\"0\"")).expectError(409, "CONFLICT");
        Api.Reply stale = two.put(path, Map.of("version", 0, "elements", List.of()), session.mentee().token())
            .expectError(409, "CONFLICT");
        assertThat(stale.body().path("details").path("current_version").asLong()).isEqualTo(1);
        Api.Reply cleared = two.put(path, Map.of("version", 1, "elements", List.of(Map.of("element_id", "b", "kind", "text",
                "data", Map.of("text", "plan")))), session.mentee().token()).expect(200);
        assertThat(elements(cleared)).containsExactly("b");
        two.put(path, Map.of("elements", List.of()), session.mentee().token()).expectFieldError("version");
        two.call("PUT", path, Map.of("elements", List.of()), session.mentee().token(), Map.of("If-Match", "yesterday"))
            .expectFieldError("If-Match");
        assertThat(cluster.jdbc().sql("SELECT version FROM whiteboards WHERE session_id = ?").param(session.id())
            .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theBoardIsBoundedAndItsInputChecked() {
        Session session = session();
        String path = "/api/v1/sessions/" + session.id() + "/whiteboard";
        Map<String, Object> huge = Map.of("points", "x".repeat(20_000));
        Api.Reply tooBig = ops(one, session, session.mentor(), add("h", "stroke", huge)).expect(200);
        assertThat(tooBig.body().path("results").get(0).path("reason").asString()).isEqualTo("element_too_large");
        one.put(path, Map.of("version", 0, "elements", List.of(Map.of("element_id", "h", "kind", "stroke", "data", huge))),
                session.mentor().token()).expectError(413, "PAYLOAD_TOO_LARGE");
        ops(one, session, session.mentor(), add("bad id!", "stroke", Map.of())).expectError(400, "VALIDATION_ERROR");
        ops(one, session, session.mentor(), add("ok", "Stroke", Map.of())).expectError(400, "VALIDATION_ERROR");
        ops(one, session, session.mentor(), Map.of("op", "add", "element_id", "k", "kind", "stroke", "data", List.of(1)))
            .expectFieldError("ops[0].data");
        ops(one, session, session.mentor(), Map.of("op", "add", "element_id", "k", "data", Map.of()))
            .expectFieldError("ops[0].kind");
        ops(one, session, session.mentor(), add("n", "text", Map.of("text", "nul\u0000"))).expectFieldError("ops[0].data");
        one.post(path + "/ops", one.jsonWithEscapes(Map.of("ops", List.of(add("n", "text", Map.of("bad" + Api.LONE_SURROGATE + "key",
                1))))), session.mentor().token()).expectFieldError("ops[0].data");
        ops(one, session, session.mentor(), Map.of("op", "paint", "element_id", "k")).expectFieldError("ops[0].op");
        one.post(path + "/ops", Map.of("ops", List.of()), session.mentor().token()).expectFieldError("ops");
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            many.add(add("e" + i, "dot", Map.of()));
        }
        one.post(path + "/ops", Map.of("ops", many), session.mentor().token()).expectError(413, "PAYLOAD_TOO_LARGE");
        Object deep = Map.of();
        for (int i = 0; i < 20; i++) {
            deep = Map.of("d", deep);
        }
        ops(one, session, session.mentor(), add("deep", "group", deep)).expectFieldError("ops[0].data");
    }

    @Test
    void tooManyOperationsTooFastAreRefusedWithHowLongToWait() {
        Session session = session();
        String path = "/api/v1/sessions/" + session.id() + "/whiteboard/ops";
        int refusedAt = -1;
        for (int round = 0; round < 3 && refusedAt < 0; round++) {
            List<Object> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(add("r" + round + "x" + i, "dot", Map.of()));
            }
            Api.Reply reply = one.post(path, Map.of("ops", batch), session.mentor().token());
            if (reply.status() == 429) {
                refusedAt = round;
                reply.expectError(429, "RATE_LIMITED");
                assertThat(reply.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(refusedAt).as("a burst of 200 operations, then 200 more at once").isPositive();
        ops(one, session, session.mentee(), add("mine", "dot", Map.of())).expect(200);
    }

    @Test
    void onlyParticipantsReachTheBoardAndItIsWrittenBackWhenTheSessionEnds() {
        Session session = session();
        String path = "/api/v1/sessions/" + session.id() + "/whiteboard";
        TestUser stranger = one.mentee();
        one.get(path, stranger.token()).expectError(404, "NOT_FOUND");
        ops(one, session, stranger, add("x", "dot", Map.of())).expectError(404, "NOT_FOUND");
        one.get("/api/v1/sessions/" + UUID.randomUUID() + "/whiteboard", stranger.token()).expectError(404, "NOT_FOUND");
        ops(one, session, session.mentee(), add("keep", "dot", Map.of("r", 3))).expect(200);
        // Gone from Redis (expired, flushed): the board comes back from PostgreSQL once written back.
        cluster.bean(0, LiveBoards.class).writeBack(session.id());
        cluster.redis(redis -> redis.del("whiteboard:" + session.id()));
        assertThat(elements(one.get(path, session.mentor().token()).expect(200))).containsExactly("keep");
        one.action(session.id(), "cancel", Map.of("reason", "done"), session.mentee().token()).expect(200);
        ops(one, session, session.mentee(), add("after", "dot", Map.of())).expectError(409, "CONFLICT");
        long ttl = cluster.<Long>redis(redis -> redis.pttl("whiteboard:" + session.id()));
        assertThat(ttl).isLessThanOrEqualTo(3_600_000L);
    }

    private static List<String> elements(Api.Reply board) {
        List<String> ids = new ArrayList<>();
        board.body().path("elements").forEach(element -> ids.add(element.path("element_id").asString()));
        return ids;
    }

    private static JsonNode find(Api.Reply board, String id) {
        for (JsonNode element : board.body().path("elements")) {
            if (element.path("element_id").asString().equals(id)) {
                return element;
            }
        }
        throw new AssertionError("No element " + id + " in " + board.raw());
    }
}
