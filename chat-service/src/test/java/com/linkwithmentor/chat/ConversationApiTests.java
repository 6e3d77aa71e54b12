package com.linkwithmentor.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.chat.ChatCluster.TestUser;

import tools.jackson.databind.JsonNode;

/** The REST side: conversations, members, history; members only, every bad input a clear ApiError. */
class ConversationApiTests {

    private final ChatCluster cluster = ChatCluster.shared();

    private final Api api = cluster.api(0);

    private final Api other = cluster.api(1);

    @Test
    void aDirectConversationIsCreatedOnceAndFoundAgainByEitherPerson() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        Api.Reply created = api.direct(alice, bob.id()).expect(201);
        assertThat(created.response().headers().firstValue("Location").orElseThrow())
            .endsWith("/api/v1/conversations/" + created.text("conversation_id"));
        assertThat(created.text("type")).isEqualTo("direct");
        assertThat(created.body().path("members").size()).isEqualTo(2);

        assertThat(api.direct(alice, bob.id()).expect(200).text("conversation_id")).isEqualTo(created.text("conversation_id"));
        assertThat(other.direct(bob, alice.id()).expect(200).text("conversation_id")).isEqualTo(created.text("conversation_id"));
        assertThat(chatEvents(created.text("conversation_id"), 1)).containsExactly("ConversationCreated");
    }

    /** Types of the events.chat entries about one conversation, once the outbox relay has published as many as expected. */
    private List<String> chatEvents(String conversationId, int expected) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            List<io.lettuce.core.StreamMessage<String, String>> entries = cluster.redis(
                    redis -> redis.xrange("events.chat", io.lettuce.core.Range.create("-", "+")));
            return entries.stream().map(entry -> ChatClient.JSON.readTree(entry.getBody().get("envelope")))
                .filter(envelope -> conversationId.equals(envelope.path("subject_id").asString()))
                .peek(envelope -> assertThat(envelope.path("producer").asString()).isEqualTo("chat-service"))
                .map(envelope -> envelope.path("type").asString())
                .toList();
        }, types -> types.size() >= expected);
    }

    @Test
    void aServiceAsksWhichConversationsUsersShareAndUsersMayNot() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        TestUser carol = cluster.newUser();
        String direct = api.direct(alice, bob.id()).expect(201).text("conversation_id");
        UUID group = api.group(alice, "Study group", bob, carol);
        String signaling = cluster.issuer().serviceToken("signaling-service", "chat:read-conversations").sign();

        JsonNode pair = api.get("/api/v1/conversations/shared?user_ids=" + alice.id() + "," + bob.id(), signaling)
            .expect(200).body();
        assertThat(pair.path("conversation_ids").valueStream().map(JsonNode::asString).toList())
            .containsExactlyInAnyOrder(direct, group.toString());
        JsonNode three = api.get("/api/v1/conversations/shared?user_ids=" + alice.id() + "," + bob.id() + "," + carol.id(),
                signaling).expect(200).body();
        assertThat(three.path("conversation_ids").valueStream().map(JsonNode::asString).toList())
            .containsExactly(group.toString());
        assertThat(api.get("/api/v1/conversations/shared?user_ids=" + bob.id() + "," + cluster.newUser().id(), signaling)
            .expect(200).body().path("conversation_ids").size()).isZero();

        api.get("/api/v1/conversations/shared?user_ids=" + alice.id() + "," + bob.id(), alice.token())
            .expectError(403, "FORBIDDEN");
        api.get("/api/v1/conversations/shared?user_ids=" + alice.id() + "," + bob.id(),
                cluster.issuer().serviceToken("signaling-service", "other:scope").sign()).expectError(403, "FORBIDDEN");
    }

    @Test
    void creatingWithBadInputIsA400NamingTheField() {
        TestUser alice = cluster.newUser();
        api.post("/api/v1/conversations", Map.of("type", "direct", "member_ids", List.of()), alice.token())
            .expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/conversations", Map.of("type", "direct", "member_ids", List.of(alice.id().toString())),
                alice.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/conversations", Map.of("type", "direct", "member_ids",
                List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString())), alice.token())
            .expectError(400, "VALIDATION_ERROR");
        Api.Reply unknownType = api.post("/api/v1/conversations", Map.of("type", "broadcast"), alice.token())
            .expectError(400, "VALIDATION_ERROR");
        assertThat(unknownType.raw()).contains("type");
        api.post("/api/v1/conversations", Map.of("type", "group", "member_ids", List.of("not-a-uuid")), alice.token())
            .expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/conversations", Map.of("type", "session"), alice.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/conversations", Map.of("type", "group", "title", "x".repeat(201)), alice.token())
            .expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/conversations", "{not json", alice.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/conversations", Map.of("type", "group"), null).expectError(401, "UNAUTHORIZED");
    }

    @Test
    void onlyMembersSeeAConversationAndOnlyTheOwnerManagesMembers() {
        TestUser owner = cluster.newUser();
        TestUser member = cluster.newUser();
        TestUser stranger = cluster.newUser();
        TestUser newcomer = cluster.newUser();
        UUID group = api.group(owner, "Java cohort", member);

        api.get("/api/v1/conversations/" + group, stranger.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/conversations/" + group + "/messages", stranger.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/conversations/" + UUID.randomUUID(), owner.token()).expectError(404, "NOT_FOUND");
        api.get("/api/v1/conversations/not-a-uuid", owner.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/conversations/" + group + "/members", Map.of("user_ids", List.of(newcomer.id().toString())),
                member.token()).expectError(403, "FORBIDDEN");
        api.post("/api/v1/conversations/" + group + "/members", Map.of("user_ids", List.of(newcomer.id().toString())),
                stranger.token()).expectError(404, "NOT_FOUND");
        api.post("/api/v1/conversations/" + group + "/members", Map.of("user_ids", List.of()), owner.token())
            .expectError(400, "VALIDATION_ERROR");

        JsonNode added = api.post("/api/v1/conversations/" + group + "/members",
                Map.of("user_ids", List.of(newcomer.id().toString())), owner.token()).expect(200).body();
        assertThat(added.path("members").findValuesAsString("user_id")).contains(newcomer.id().toString());
        JsonNode seenByMember = other.get("/api/v1/conversations/" + group, member.token()).expect(200).body();
        assertThat(seenByMember.path("my_role").asString()).isEqualTo("member");
        assertThat(seenByMember.path("title").asString()).isEqualTo("Java cohort");

        api.delete("/api/v1/conversations/" + group + "/members/" + owner.id(), member.token()).expectError(403, "FORBIDDEN");
        api.delete("/api/v1/conversations/" + group + "/members/" + newcomer.id(), owner.token()).expect(204);
        assertThat(chatEvents(group.toString(), 3)).containsExactly("ConversationCreated", "MembersAdded", "MemberLeft");
        api.delete("/api/v1/conversations/" + group + "/members/" + newcomer.id(), owner.token()).expectError(404, "NOT_FOUND");
        Api.Reply formerly = api.get("/api/v1/conversations/" + group, newcomer.token()).expectError(403, "FORBIDDEN");
        assertThat(formerly.text("message")).contains("no longer a member");
    }

    @Test
    void anOwnerWhoLeavesHandsTheGroupToTheLongestStandingMemberAndDirectConversationsCannotBeLeft() {
        TestUser owner = cluster.newUser();
        TestUser first = cluster.newUser();
        TestUser second = cluster.newUser();
        UUID group = api.group(owner, "Mentors", first, second);
        api.post("/api/v1/conversations/" + group + "/leave", null, owner.token()).expect(204);
        api.post("/api/v1/conversations/" + group + "/leave", null, owner.token()).expectError(403, "FORBIDDEN");
        JsonNode view = api.get("/api/v1/conversations/" + group, first.token()).expect(200).body();
        assertThat(view.path("members").size()).isEqualTo(2);
        long owners = 0;
        for (JsonNode member : view.path("members")) {
            owners += member.path("role").asString().equals("owner") ? 1 : 0;
        }
        assertThat(owners).isOne();

        UUID direct = api.direct(first, second.id()).expect(201).id("conversation_id");
        api.post("/api/v1/conversations/" + direct + "/leave", null, first.token()).expectError(409, "CONFLICT");
        api.post("/api/v1/conversations/" + direct + "/members", Map.of("user_ids", List.of(owner.id().toString())),
                first.token()).expectError(409, "CONFLICT");
    }

    @Test
    void aSessionHasOneConversationThatOutsidersCannotClaim() {
        TestUser mentor = cluster.newUser();
        TestUser mentee = cluster.newUser();
        TestUser outsider = cluster.newUser();
        UUID session = UUID.randomUUID();
        Map<String, Object> request = Map.of("type", "session", "session_id", session.toString(), "title", "Mock interview",
                "member_ids", List.of(mentee.id().toString()));
        UUID id = api.post("/api/v1/conversations", request, mentor.token()).expect(201).id("conversation_id");
        assertThat(api.post("/api/v1/conversations", request, mentee.token()).expect(200).id("conversation_id")).isEqualTo(id);
        api.post("/api/v1/conversations", request, outsider.token()).expectError(409, "CONFLICT");
    }

    @Test
    void myConversationsShowTheLastMessageAndUnreadCountNewestFirstInPages() {
        TestUser me = cluster.newUser();
        List<TestUser> partners = new ArrayList<>();
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser partner = cluster.newUser();
            partners.add(partner);
            conversations.add(api.direct(me, partner.id()).expect(201).id("conversation_id"));
        }
        try (ChatClient partner = cluster.connect(1, partners.get(0))) {
            partner.sendMessage(conversations.get(0), "u-1", "one");
            partner.sendMessage(conversations.get(0), "u-2", "two");
        }

        JsonNode page = api.get("/api/v1/conversations?limit=2", me.token()).expect(200).body();
        assertThat(page.path("items").size()).isEqualTo(2);
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("conversation_id").asString()).isEqualTo(conversations.get(0).toString());
        assertThat(newest.path("unread_count").asLong()).isEqualTo(2);
        assertThat(newest.path("last_message").path("content").asString()).isEqualTo("two");
        assertThat(newest.path("last_seq").asLong()).isEqualTo(2);

        JsonNode next = api.get("/api/v1/conversations?limit=2&cursor=" + page.path("next_cursor").asString(), me.token())
            .expect(200).body();
        assertThat(next.path("items").size()).isEqualTo(1);
        assertThat(next.path("next_cursor").isNull()).isTrue();

        api.post("/api/v1/conversations/" + conversations.get(0) + "/read", Map.of("seq", 2), me.token()).expect(200);
        JsonNode after = api.get("/api/v1/conversations?limit=1", me.token()).expect(200).body();
        assertThat(after.path("items").get(0).path("unread_count").asLong()).isZero();
        api.post("/api/v1/conversations/" + conversations.get(0) + "/read", Map.of("seq", 99), me.token())
            .expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/conversations?limit=0", me.token()).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/conversations?limit=500", me.token()).expectError(400, "VALIDATION_ERROR");
        api.get("/api/v1/conversations?cursor=garbage", me.token()).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void historyIsNewestFirstAndPagesByCursorOrBeforeSeq() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice)) {
            for (int i = 1; i <= 5; i++) {
                a.sendMessage(conversation, "h-" + i, "history " + i);
            }
        }
        String path = "/api/v1/conversations/" + conversation + "/messages";
        JsonNode first = other.get(path + "?limit=2", bob.token()).expect(200).body();
        assertThat(first.path("items").findValues("seq").stream().map(JsonNode::asLong)).containsExactly(5L, 4L);
        JsonNode second = other.get(path + "?limit=2&cursor=" + first.path("next_cursor").asString(), bob.token())
            .expect(200).body();
        assertThat(second.path("items").findValues("seq").stream().map(JsonNode::asLong)).containsExactly(3L, 2L);
        JsonNode before = other.get(path + "?before_seq=2", bob.token()).expect(200).body();
        assertThat(before.path("items").findValues("seq").stream().map(JsonNode::asLong)).containsExactly(1L);
        assertThat(before.path("next_cursor").isNull()).isTrue();
        assertThat(before.path("items").get(0).path("moderation_status").asString()).isEqualTo("pending");

        other.get(path + "?limit=2&before_seq=3&cursor=" + first.path("next_cursor").asString(), bob.token())
            .expectError(400, "VALIDATION_ERROR");
        other.get(path + "?before_seq=0", bob.token()).expectError(400, "VALIDATION_ERROR");
        other.get(path + "?cursor=bm90LWEtY3Vyc29y", bob.token()).expectError(400, "VALIDATION_ERROR");
    }
}
