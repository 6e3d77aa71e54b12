package com.linkwithmentor.chat;

import static com.linkwithmentor.chat.ChatClient.frame;
import static com.linkwithmentor.chat.ChatClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.chat.ChatCluster.TestUser;

import tools.jackson.databind.JsonNode;

/** Delivery across two instances: acks, order, resume, typing, presence, receipts, edits, membership. */
class RealtimeDeliveryTests {

    private final ChatCluster cluster = ChatCluster.shared();

    private final Api api = cluster.api(0);

    @Test
    void aMessageSentOnOneInstanceReachesTheMemberOnTheOtherAfterItIsStored() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            JsonNode ack = a.sendMessage(conversation, "m-1", "Hello Bob, ready for our session?");

            assertThat(type(ack)).isEqualTo("ack");
            assertThat(ack.path("seq").asLong()).isEqualTo(1);
            assertThat(ack.path("duplicate").asBoolean()).isFalse();
            // Persisted before the ack: the history already has it.
            JsonNode history = api.get("/api/v1/conversations/" + conversation + "/messages", alice.token()).expect(200).body();
            assertThat(history.path("items").get(0).path("message_id").asString()).isEqualTo(ack.path("message_id").asString());

            JsonNode received = b.awaitType("message");
            assertThat(received.path("conversation_id").asString()).isEqualTo(conversation.toString());
            assertThat(received.path("message_id").asString()).isEqualTo(ack.path("message_id").asString());
            assertThat(received.path("seq").asLong()).isEqualTo(1);
            assertThat(received.path("sender_id").asString()).isEqualTo(alice.id().toString());
            assertThat(received.path("content").asString()).isEqualTo("Hello Bob, ready for our session?");
            // The sender's own connection gets the message too, for its other devices' sake and seq continuity.
            assertThat(a.awaitType("message").path("seq").asLong()).isEqualTo(1);
        }
    }

    @Test
    void resendingTheSameClientMsgIdReturnsTheSameAckAndStoresNothingTwice() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            JsonNode first = a.sendMessage(conversation, "retry-1", "Did you get this?");
            JsonNode second = a.sendMessage(conversation, "retry-1", "Did you get this?");

            assertThat(second.path("message_id").asString()).isEqualTo(first.path("message_id").asString());
            assertThat(second.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
            assertThat(second.path("duplicate").asBoolean()).isTrue();
            a.sendMessage(conversation, "retry-2", "And this one?");
            // Delivery is in order: had the resend gone out, it would have come before seq 2.
            List<Long> seqs = b.awaitCount("message", 2, Duration.ofSeconds(5)).stream()
                .map(frame -> frame.path("seq").asLong()).toList();
            assertThat(seqs).containsExactly(1L, 2L);
            assertThat(cluster.jdbc().sql("SELECT count(*) FROM messages WHERE conversation_id = ?").param(conversation)
                .query(Long.class).single()).isEqualTo(2);
        }
    }

    @Test
    void concurrentSendersOnBothInstancesAreDeliveredToEveryoneInSequenceOrderWithoutGapsOrRepeats() throws Exception {
        TestUser owner = cluster.newUser();
        TestUser other = cluster.newUser();
        TestUser reader = cluster.newUser();
        UUID conversation = api.group(owner, "Cohort", other, reader);
        int each = 15;
        try (ChatClient onA = cluster.connect(0, owner); ChatClient onB = cluster.connect(1, other);
                ChatClient readerA = cluster.connect(0, reader); ChatClient readerB = cluster.connect(1, reader)) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> sendMany(onA, conversation, "a", each));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> sendMany(onB, conversation, "b", each));
            CompletableFuture.allOf(first, second).get();

            List<Long> expected = LongStream.rangeClosed(1, 2 * each).boxed().toList();
            for (ChatClient client : List.of(onA, onB, readerA, readerB)) {
                List<Long> seqs = client.awaitCount("message", 2 * each, Duration.ofSeconds(15)).stream()
                    .map(frame -> frame.path("seq").asLong()).toList();
                assertThat(seqs).as("delivered in order, once each").containsExactlyElementsOf(expected);
            }
        }
    }

    private static void sendMany(ChatClient client, UUID conversation, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            JsonNode ack = client.sendMessage(conversation, prefix + "-" + i, "Message " + prefix + i + " about the plan");
            assertThat(type(ack)).as(ack.toString()).isEqualTo("ack");
        }
    }

    @Test
    void aClientThatLostItsConnectionResumesWithExactlyWhatItMissedInOrder() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice)) {
            ChatClient b = cluster.connect(1, bob);
            a.sendMessage(conversation, "r-1", "first");
            a.sendMessage(conversation, "r-2", "second");
            List<JsonNode> seen = b.awaitCount("message", 2, Duration.ofSeconds(5));
            long lastSeen = seen.get(1).path("seq").asLong();
            b.abort();

            for (int i = 3; i <= 7; i++) {
                a.sendMessage(conversation, "r-" + i, "missed number " + i);
            }
            try (ChatClient back = cluster.connect(0, bob)) {
                JsonNode ready = back.ready();
                assertThat(ready.path("conversations").get(0).path("last_seq").asLong()).isEqualTo(7);
                back.send(frame("resume", "conversation_id", conversation, "last_seq", lastSeen));
                JsonNode resumed = back.awaitType("resumed");
                assertThat(resumed.path("last_seq").asLong()).isEqualTo(7);
                assertThat(resumed.path("has_more").asBoolean()).isFalse();
                a.sendMessage(conversation, "r-8", "live again");

                List<Long> seqs = back.awaitCount("message", 6, Duration.ofSeconds(5)).stream()
                    .map(frame -> frame.path("seq").asLong()).toList();
                assertThat(seqs).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
                assertThat(back.frames("message").get(0).path("content").asString()).isEqualTo("missed number 3");
            }
        }
    }

    @Test
    void aMessageWhosePublishWasLostIsReadFromTheDatabaseAndDeliveredInOrder() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            a.sendMessage(conversation, "lost-1", "before");
            b.awaitType("message");
            // Committed like any send, but its Pub/Sub publish never happened (an instance died between the two).
            cluster.jdbc().sql("UPDATE conversation_sequences SET last_seq = 2 WHERE conversation_id = ?")
                .param(conversation).update();
            cluster.jdbc().sql("""
                    INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, content, moderation_status)
                    VALUES (?, 2, ?, 'lost-2', 'the one Pub/Sub lost', 'approved')""")
                .params(conversation, alice.id()).update();

            assertThat(a.sendMessage(conversation, "lost-3", "after").path("seq").asLong()).isEqualTo(3);
            List<JsonNode> messages = b.awaitCount("message", 3, Duration.ofSeconds(5));
            assertThat(messages.stream().map(frame -> frame.path("seq").asLong())).containsExactly(1L, 2L, 3L);
            assertThat(messages.get(1).path("content").asString()).isEqualTo("the one Pub/Sub lost");
        }
    }

    @Test
    void nothingReachesANewConnectionBeforeItsReadyWhileItsConversationsAreBusy() {
        TestUser owner = cluster.newUser();
        List<TestUser> busy = List.of(cluster.newUser(), cluster.newUser(), cluster.newUser());
        List<TestUser> newcomers = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            newcomers.add(cluster.newUser());
        }
        List<TestUser> members = new java.util.ArrayList<>(busy);
        members.addAll(newcomers);
        UUID conversation = api.group(owner, "Busy cohort", members.toArray(TestUser[]::new));
        List<ChatClient> talkers = new java.util.ArrayList<>();
        for (int i = 0; i < busy.size(); i++) {
            talkers.add(cluster.connect(i % 2, busy.get(i)));
        }
        java.util.concurrent.ScheduledExecutorService noise = java.util.concurrent.Executors.newScheduledThreadPool(3);
        java.util.concurrent.atomic.AtomicInteger tick = new java.util.concurrent.atomic.AtomicInteger();
        for (ChatClient talker : talkers) {
            // Typing changes 20 times a second and a message every 400 ms, within every limit.
            noise.scheduleAtFixedRate(() -> {
                int n = tick.incrementAndGet();
                talker.send(frame("typing", "conversation_id", conversation, "is_typing", n % 2 == 0));
                if (n % 8 == 0) {
                    talker.send(frame("send", "conversation_id", conversation, "client_msg_id", "busy-" + n,
                            "content", "busy " + n));
                }
            }, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        List<ChatClient> opened = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                opened.add(cluster.connect(i % 2, newcomers.get(i % newcomers.size())));
            }
            for (ChatClient client : opened) {
                client.awaitType("typing");
                assertThat(type(client.frames().get(0))).as("first frame").isEqualTo("ready");
            }
        }
        finally {
            noise.shutdownNow();
            opened.forEach(ChatClient::close);
            talkers.forEach(ChatClient::close);
        }
    }

    @Test
    void typingReachesTheOthersButNotTheTypist() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            b.send(frame("typing", "conversation_id", conversation, "is_typing", true));
            JsonNode typing = a.awaitType("typing");
            assertThat(typing.path("user_id").asString()).isEqualTo(bob.id().toString());
            assertThat(typing.path("is_typing").asBoolean()).isTrue();
            b.send(frame("typing", "conversation_id", conversation, "is_typing", false));
            assertThat(a.awaitType("typing").path("is_typing").asBoolean()).isFalse();
            // A later frame of the same room reaches Bob after his own typing would have.
            a.sendMessage(conversation, "after-typing", "I see you typing");
            b.awaitType("message");
            assertThat(b.frames("typing")).isEmpty();
        }
    }

    @Test
    void presenceIsKeptInRedisWithTheSeedsTtlAndAnnouncedToConversationPartners() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice)) {
            ChatClient b = cluster.connect(1, bob);
            JsonNode online = a.await(f -> "presence".equals(type(f)) && f.path("user_id").asString().equals(bob.id().toString()));
            assertThat(online.path("status").asString()).isEqualTo("online");
            String key = "user_presence:" + bob.id();
            String status = cluster.redis(redis -> redis.hget(key, "status"));
            String role = cluster.redis(redis -> redis.hget(key, "current_role"));
            Long ttl = cluster.redis(redis -> redis.ttl(key));
            assertThat(status).isEqualTo("online");
            assertThat(role).isEqualTo("mentee");
            assertThat(ttl).isBetween(1L, 300L);
            JsonNode view = api.get("/api/v1/conversations/" + conversation, alice.token()).expect(200).body();
            assertThat(view.findValues("presence").stream().map(JsonNode::asString)).containsExactlyInAnyOrder("online", "online");

            b.send(frame("presence", "status", "away"));
            assertThat(a.await(f -> "presence".equals(type(f)) && f.path("status").asString().equals("away"))).isNotNull();
            b.send(frame("ping"));
            b.awaitType("pong");

            b.close();
            JsonNode offline = a.await(f -> "presence".equals(type(f)) && f.path("status").asString().equals("offline"));
            assertThat(offline.path("user_id").asString()).isEqualTo(bob.id().toString());
            Long exists = cluster.redis(redis -> redis.exists(key));
            assertThat(exists).isZero();
        }
    }

    @Test
    void readReceiptsEditsAndDeletesReachTheOtherMemberAndOnlyTheSenderMayChangeAMessage() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            String messageId = a.sendMessage(conversation, "e-1", "See you at 5").path("message_id").asString();
            b.awaitType("message");

            b.send(frame("read", "conversation_id", conversation, "seq", 1));
            JsonNode receipt = a.awaitType("read");
            assertThat(receipt.path("user_id").asString()).isEqualTo(bob.id().toString());
            assertThat(receipt.path("seq").asLong()).isEqualTo(1);

            b.send(frame("edit", "message_id", messageId, "content", "Not yours to edit"));
            JsonNode refused = b.awaitType("error");
            assertThat(refused.path("code").asString()).isEqualTo("forbidden");
            assertThat(refused.path("message_id").asString()).isEqualTo(messageId);

            a.send(frame("edit", "message_id", messageId, "content", "See you at 6"));
            JsonNode edited = b.awaitType("message_edited");
            assertThat(edited.path("content").asString()).isEqualTo("See you at 6");
            assertThat(edited.path("edited_at").isMissingNode()).isFalse();

            a.send(frame("delete", "message_id", messageId));
            assertThat(b.awaitType("message_deleted").path("message_id").asString()).isEqualTo(messageId);
            a.send(frame("delete", "message_id", messageId));
            assertThat(a.awaitType("error").path("code").asString()).isEqualTo("conflict");

            JsonNode item = api.get("/api/v1/conversations/" + conversation + "/messages", bob.token()).expect(200)
                .body().path("items").get(0);
            assertThat(item.path("deleted").asBoolean()).isTrue();
            assertThat(item.path("content").isNull()).isTrue();
        }
    }

    @Test
    void aMemberAddedWhileConnectedStartsReceivingAndARemovedOneStops() {
        TestUser owner = cluster.newUser();
        TestUser newcomer = cluster.newUser();
        TestUser stayer = cluster.newUser();
        UUID conversation = api.group(owner, "Study group", stayer);
        try (ChatClient o = cluster.connect(0, owner); ChatClient n = cluster.connect(1, newcomer);
                ChatClient s = cluster.connect(1, stayer)) {
            api.post("/api/v1/conversations/" + conversation + "/members",
                    java.util.Map.of("user_ids", List.of(newcomer.id().toString())), owner.token()).expect(200);
            JsonNode joined = n.awaitType("user_joined");
            assertThat(joined.path("conversation_id").asString()).isEqualTo(conversation.toString());
            assertThat(o.awaitType("user_joined").path("user_id").asString()).isEqualTo(newcomer.id().toString());

            o.sendMessage(conversation, "g-1", "Welcome!");
            assertThat(n.awaitType("message").path("content").asString()).isEqualTo("Welcome!");

            api.delete("/api/v1/conversations/" + conversation + "/members/" + newcomer.id(), owner.token()).expect(204);
            assertThat(n.awaitType("user_left").path("reason").asString()).isEqualTo("removed");
            o.sendMessage(conversation, "g-2", "After you left");
            // The member still there, on the same instance, got it: the room's delivery has run.
            s.await(frame -> "message".equals(type(frame)) && frame.path("seq").asLong() == 2);
            assertThat(n.frames(frame -> "message".equals(type(frame)) && frame.path("seq").asLong() == 2)).isEmpty();
            n.send(frame("send", "conversation_id", conversation, "client_msg_id", "x-1", "content", "let me back"));
            assertThat(n.awaitType("error").path("code").asString()).isEqualTo("forbidden");
        }
    }
}
