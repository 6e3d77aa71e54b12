package com.linkwithmentor.chat;

import static com.linkwithmentor.chat.ChatClient.frame;
import static com.linkwithmentor.chat.ChatClient.type;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.chat.ChatCluster.TestUser;
import com.linkwithmentor.testsupport.TestRedis;
import com.linkwithmentor.testsupport.RawSocket;

import tools.jackson.databind.JsonNode;

/** Who may connect, read, write and subscribe, and the limits that keep one client from hurting others. */
class ChatSafetyTests {

    private final ChatCluster cluster = ChatCluster.shared();

    private final Api api = cluster.api(0);

    @Test
    void theUpgradeIsRefusedBeforeItCompletesWithoutAValidToken() {
        int port = cluster.socketPort(0);
        ChatClient.Refusal none = ChatClient.refusal(port, "", Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).contains("\"error_code\":\"UNAUTHORIZED\"");

        assertThat(ChatClient.refusal(port, "?access_token=not.a.jwt", Map.of()).status()).isEqualTo(401);
        UUID someone = UUID.randomUUID();
        String foreign = cluster.issuer().token(someone, "mentee").signedWithUnknownKey().sign();
        assertThat(ChatClient.refusal(port, "?access_token=" + foreign, Map.of()).status()).isEqualTo(401);
        String expired = cluster.issuer().token(someone, "mentee").issuedAt(Instant.now().minusSeconds(3600))
            .lifetime(Duration.ofMinutes(15)).sign();
        assertThat(ChatClient.refusal(port, "?access_token=" + expired, Map.of()).status()).isEqualTo(401);
        assertThat(ChatClient.refusal(port, "", Map.of("Authorization", "Bearer " + expired)).status()).isEqualTo(401);

        Api.Reply plainGet = new Api(port).get("/ws/chat?access_token=" + cluster.newUser().token(), null);
        plainGet.expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void theTokenMayComeInTheAuthorizationHeaderAndASocketClosesWhenItsTokenExpires() throws Exception {
        TestUser alice = cluster.newUser();
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
            .header("Authorization", "Bearer " + alice.token())
            .buildAsync(java.net.URI.create("ws://127.0.0.1:" + cluster.socketPort(1) + "/ws/chat"),
                    new java.net.http.WebSocket.Listener() { })
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.abort();

        String shortLived = cluster.issuer().token(alice.id(), "mentee").lifetime(Duration.ofSeconds(2)).sign();
        try (ChatClient client = ChatClient.connect(cluster.socketPort(0), shortLived)) {
            assertThat(client.awaitClose(Duration.ofSeconds(10))).isEqualTo(4001);
            assertThat(client.awaitType("error").path("code").asString()).isEqualTo("unauthorized");
        }
    }

    @Test
    void aNonMemberCanNeitherWriteNorReadNorFollowAConversation() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        TestUser eve = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient e = cluster.connect(1, eve);
                ChatClient b = cluster.connect(1, bob)) {
            assertThat(e.sendMessage(conversation, "eve-1", "let me in").path("code").asString()).isEqualTo("not_found");
            e.send(frame("resume", "conversation_id", conversation, "last_seq", 0));
            assertThat(e.awaitType("error").path("code").asString()).isEqualTo("not_found");
            e.send(frame("typing", "conversation_id", conversation, "is_typing", true));
            assertThat(e.awaitType("error").path("conversation_id").asString()).isEqualTo(conversation.toString());
            e.send(frame("read", "conversation_id", conversation, "seq", 0));
            assertThat(e.awaitType("error").path("code").asString()).isEqualTo("not_found");

            String messageId = a.sendMessage(conversation, "private-1", "just between us").path("message_id").asString();
            e.send(frame("edit", "message_id", messageId, "content", "hijacked"));
            assertThat(e.awaitType("error").path("code").asString()).isEqualTo("not_found");
            // Bob, on Eve's instance, has the message: the room's delivery there has run, and left Eve out.
            b.await(f -> "message".equals(type(f)) && f.path("message_id").asString().equals(messageId));
            assertThat(e.frames(f -> "message".equals(type(f)) || "presence".equals(type(f)))).isEmpty();
        }
    }

    @Test
    void badFramesGetErrorFramesNamingTheProblemAndTheConnectionStaysUsable() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice)) {
            a.sendRaw("this is not json");
            assertThat(a.awaitType("error").path("code").asString()).isEqualTo("bad_frame");
            a.sendRaw("[1, 2, 3]");
            assertThat(a.awaitType("error").path("code").asString()).isEqualTo("bad_frame");
            a.send(frame("dance"));
            assertError(a.awaitType("error"), "bad_frame", "type");
            // An unknown type is never echoed, whatever it holds (a lone surrogate once closed the socket).
            a.sendRaw("{\"type\":\"\\ud800send\",\"conversation_id\":\"" + conversation + "\"}");
            JsonNode lone = a.awaitType("error");
            assertThat(lone.path("code").asString()).isEqualTo("bad_frame");
            assertThat(lone.toString()).doesNotContain("ud800", "\uD800");
            a.send(frame("send", "client_msg_id", "c-1", "content", "hi"));
            assertError(a.awaitType("error"), "validation_error", "conversation_id");
            a.send(frame("send", "conversation_id", "nope", "client_msg_id", "c-1", "content", "hi"));
            assertError(a.awaitType("error"), "validation_error", "conversation_id");
            a.send(frame("send", "conversation_id", conversation, "client_msg_id", "has spaces", "content", "hi"));
            assertError(a.awaitType("error"), "validation_error", "client_msg_id");
            assertError(a.sendMessage(conversation, "c-2", "   "), "validation_error", "content");
            assertError(a.sendMessage(conversation, "c-3", "nul\u0000byte"), "validation_error", "content");
            // A lone surrogate is refused too, not stored changed into '?'.
            a.sendRaw("{\"type\":\"send\",\"conversation_id\":\"" + conversation
                    + "\",\"client_msg_id\":\"c-3b\",\"content\":\"half \\ud83d emoji\"}");
            JsonNode surrogate = a.await(f -> "c-3b".equals(f.path("client_msg_id").asString()));
            assertError(surrogate, "validation_error", "content");
            JsonNode tooLong = a.sendMessage(conversation, "c-4", "x".repeat(4001));
            assertError(tooLong, "payload_too_large", "content");
            assertThat(tooLong.path("details").path("max_chars").asInt()).isEqualTo(4000);
            a.send(frame("edit", "message_id", UUID.randomUUID(), "content", "ghost"));
            assertThat(a.awaitType("error").path("code").asString()).isEqualTo("not_found");
            a.send(frame("resume", "conversation_id", conversation, "last_seq", -1));
            assertError(a.awaitType("error"), "validation_error", "last_seq");
            a.send(frame("resume", "conversation_id", conversation, "last_seq", 50));
            assertError(a.awaitType("error"), "validation_error", "last_seq");
            a.send(frame("presence", "status", "invisible"));
            assertError(a.awaitType("error"), "validation_error", "status");

            // 4000 characters counted as people count them: emoji are one each, though two UTF-16 units.
            JsonNode ack = a.sendMessage(conversation, "c-5", "\uD83D\uDE00".repeat(4000));
            assertThat(type(ack)).isEqualTo("ack");
            assertThat(ack.path("seq").asLong()).isEqualTo(1);
        }
    }

    private static void assertError(JsonNode error, String code, String field) {
        assertThat(type(error)).as(error.toString()).isEqualTo("error");
        assertThat(error.path("code").asString()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("details").path("field").asString()).as(error.toString()).isEqualTo(field);
        assertThat(error.path("message").asString()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void sendingTooFastIsRefusedWithHowLongToWait() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice)) {
            List<JsonNode> answers = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                answers.add(a.sendMessage(conversation, "fast-" + i, "quick message number " + i));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<JsonNode> refused = answers.stream().filter(f -> "error".equals(type(f))).toList();
            assertThat(refused).isNotEmpty();
            assertThat(refused.get(0).path("code").asString()).isEqualTo("rate_limited");
            assertThat(refused.get(0).path("details").path("retry_after_ms").asLong()).isPositive();
            // A burst of 20, plus what 5 per second refilled while the burst was being sent.
            long refilled = (long) Math.ceil(seconds * 5);
            assertThat(answers.stream().filter(f -> "ack".equals(type(f))).count()).isBetween(20L, 20L + refilled);
        }
    }

    @Test
    void aUserSuspendedByUserServiceIsCutOffEverywhereAndRefusedUntilReinstated() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        api.direct(alice, bob.id()).expect(201);
        try (ChatClient onA = cluster.connect(0, bob); ChatClient onB = cluster.connect(1, bob)) {
            publish("events.users", "user-service", "UserSuspended", bob.id(),
                    Map.of("user_id", bob.id().toString(), "reason", "spam", "by", alice.id().toString()));

            assertThat(onA.awaitClose(Duration.ofSeconds(10))).isEqualTo(4003);
            assertThat(onB.awaitClose(Duration.ofSeconds(10))).isEqualTo(4003);
            assertThat(onA.awaitType("error").path("message").asString()).contains("suspended", "spam");
        }
        ChatClient.Refusal refusal = ChatClient.refusal(cluster.socketPort(1), "?access_token=" + bob.token(), Map.of());
        assertThat(refusal.status()).isEqualTo(403);
        assertThat(refusal.body()).contains("\"error_code\":\"FORBIDDEN\"", "suspended");

        publish("events.users", "user-service", "UserReinstated", bob.id(), Map.of("user_id", bob.id().toString()));
        awaitConnectable(bob);
    }

    @Test
    void aMutedUserIsDisconnectedMayReconnectToReadButCannotSend() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient b = cluster.connect(0, bob)) {
            publish("events.moderation", "moderation-service", "UserMuted", bob.id(), Map.of("user_id",
                    bob.id().toString(), "until", Instant.now().plusSeconds(600).toString(), "reason", "flooding"));
            assertThat(b.awaitClose(Duration.ofSeconds(10))).isEqualTo(4004);
        }
        try (ChatClient b = cluster.connect(1, bob); ChatClient a = cluster.connect(0, alice)) {
            JsonNode refused = b.sendMessage(conversation, "muted-1", "can I talk?");
            assertThat(refused.path("code").asString()).isEqualTo("forbidden");
            assertThat(refused.path("details").path("restriction").asString()).isEqualTo("muted");
            a.sendMessage(conversation, "to-muted", "you can still read");
            assertThat(b.awaitType("message").path("content").asString()).isEqualTo("you can still read");
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutSlowingTheOthers() throws Exception {
        TestUser owner = cluster.newUser();
        TestUser slow = cluster.newUser();
        TestUser fast = cluster.newUser();
        List<TestUser> senders = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 11; i++) {
            senders.add(cluster.newUser());
        }
        List<TestUser> members = new ArrayList<>(senders.subList(1, senders.size()));
        members.add(slow);
        members.add(fast);
        UUID group = api.group(owner, "Busy room", members.toArray(TestUser[]::new));
        int perSender = 18;
        int total = perSender * senders.size();
        String bulk = "y".repeat(3900);

        try (RawSocket stalled = RawSocket.open(cluster.socketPort(0), "/ws/chat?access_token=" + slow.token(), 4096);
                ChatClient reader = cluster.connect(1, fast)) {
            List<ChatClient> clients = new ArrayList<>();
            for (TestUser sender : senders) {
                clients.add(cluster.connect(0, sender));
            }
            long started = System.nanoTime();
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int s = 0; s < clients.size(); s++) {
                ChatClient client = clients.get(s);
                String prefix = "s" + s + "-";
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perSender; i++) {
                        assertThat(type(client.sendMessage(group, prefix + i, prefix + i + bulk))).isEqualTo("ack");
                    }
                }));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get();
            long sentMillis = (System.nanoTime() - started) / 1_000_000;

            List<Long> seqs = reader.awaitCount("message", total, Duration.ofSeconds(20)).stream()
                .map(f -> f.path("seq").asLong()).toList();
            long deliveredMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
            // The reader kept pace with the senders: all delivered within moments of the last send.
            assertThat(deliveredMillis - sentMillis).isLessThan(3000);

            JsonNode gone = reader.await(f -> "presence".equals(type(f)) && f.path("user_id").asString()
                .equals(slow.id().toString()) && f.path("status").asString().equals("offline"), Duration.ofSeconds(15));
            assertThat(gone).isNotNull();
            assertThat(stalled.drainUntilClosed(Duration.ofSeconds(15))).as("the server closed the stalled connection")
                .isTrue();
            clients.forEach(ChatClient::close);
        }
    }

    @Test
    void aModeratorsReviewHidesAndRestoresAMessageLiveAndInHistory() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        String history = "/api/v1/conversations/" + conversation + "/messages";
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            JsonNode ack = a.sendMessage(conversation, "reviewed-1", "Pay me on the side and we skip the platform fee");
            String messageId = ack.path("message_id").asString();
            b.await(f -> "message".equals(type(f)) && f.path("message_id").asString().equals(messageId));

            publish("events.moderation", "moderation-service", "ContentFlagged", alice.id(), Map.of("user_id",
                    alice.id().toString(), "content_id", messageId, "content_type", "message", "action", "block",
                    "categories", List.of("off_platform_solicitation"), "reason", "upheld by a moderator"));
            JsonNode hidden = b.await(f -> "message_moderated".equals(type(f)) && f.path("message_id").asString()
                .equals(messageId), Duration.ofSeconds(10));
            assertThat(hidden.path("moderation_status").asString()).isEqualTo("blocked");
            assertThat(hidden.path("content").isMissingNode()).isTrue();
            assertThat(api.get(history, bob.token()).expect(200).body().path("items").size()).isZero();

            publish("events.moderation", "moderation-service", "ContentCleared", alice.id(), Map.of("user_id",
                    alice.id().toString(), "content_id", messageId, "content_type", "message", "reason", "appeal won"));
            JsonNode restored = b.await(f -> "message_moderated".equals(type(f)) && f.path("message_id").asString()
                .equals(messageId) && f.path("moderation_status").asString().equals("approved"), Duration.ofSeconds(10));
            assertThat(restored.path("content").asString()).contains("platform fee");
            JsonNode items = api.get(history, bob.token()).expect(200).body().path("items");
            assertThat(items.size()).isEqualTo(1);
            assertThat(items.get(0).path("moderation_status").asString()).isEqualTo("approved");
        }
    }

    private void awaitConnectable(TestUser user) {
        await().atMost(10, SECONDS).ignoreExceptionsInstanceOf(IllegalStateException.class).until(() -> {
            try (ChatClient client = cluster.connect(0, user)) {
                return true;
            }
        });
    }

    /** XADDs an event the way the producing service's outbox relay does: the envelope JSON in field {@code envelope}. */
    private void publish(String stream, String producer, String type, UUID subject, Map<String, Object> payload) {
        assertThat(TestRedis.publish(cluster.redisUrl(), stream, producer, type, subject, payload)).isNotBlank();
    }
}
