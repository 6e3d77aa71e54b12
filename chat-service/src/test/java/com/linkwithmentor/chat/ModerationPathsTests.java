package com.linkwithmentor.chat;

import static com.linkwithmentor.chat.ChatClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.linkwithmentor.chat.ChatCluster.TestUser;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

import tools.jackson.databind.JsonNode;

/**
 * Every message goes through the real moderation-service (its built jar, run as a process): blocked
 * messages are never shown to anyone else, flagged ones are delivered marked, and while moderation
 * is down messages are delivered as pending and judged when it is back, with chat's own service
 * token, whether or not the sender is still connected. A cluster of its own, so the re-checks here
 * see only this class's messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModerationPathsTests {

    private ServiceProcess moderation;

    private ChatCluster cluster;

    private Api api;

    @BeforeAll
    void start() {
        int port = ChatCluster.freePort();
        cluster = ChatCluster.start("chat_moderation", 2, Map.of(
                "lwm.chat.moderation.url", "http://127.0.0.1:" + port,
                // Generous here: the first calls to a cold process are slow; the outage test covers timeouts.
                "lwm.chat.moderation.timeout", "3s",
                "lwm.chat.moderation.recheck-interval", "500ms"));
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("moderation_for_chat");
        moderation = ServiceProcess.start("moderation-service", port, Map.of(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", postgres.username(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password(),
                "LWM_REDIS_URL", cluster.redisUrl(),
                "LWM_JWKS_URL", cluster.issuer().jwksUrl()));
        api = cluster.api(0);
    }

    @AfterAll
    void stop() {
        if (moderation != null) {
            moderation.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aFlaggedMessageIsDeliveredAndMarkedAndItsSenderToldWhy() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            JsonNode clean = a.sendMessage(conversation, "ok-1", "Thanks for the review of my resume yesterday");
            assertThat(clean.path("moderation_status").asString()).isEqualTo("approved");

            JsonNode ack = a.sendMessage(conversation, "flag-1", "honestly you are an idiot");
            assertThat(ack.path("moderation_status").asString()).isEqualTo("flagged");
            assertThat(ack.path("seq").asLong()).isEqualTo(2);
            assertThat(ack.path("reason").path("categories").toString()).contains("harassment");

            JsonNode delivered = b.await(f -> "message".equals(type(f)) && f.path("seq").asLong() == 2);
            assertThat(delivered.path("moderation_status").asString()).isEqualTo("flagged");
            JsonNode history = api.get("/api/v1/conversations/" + conversation + "/messages", bob.token()).expect(200).body();
            assertThat(history.path("items").get(0).path("moderation_status").asString()).isEqualTo("flagged");
        }
    }

    @Test
    void aBlockedMessageIsNeitherDeliveredNorShownAndItsSenderIsToldWhy() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient a = cluster.connect(0, alice); ChatClient b = cluster.connect(1, bob)) {
            JsonNode ack = a.sendMessage(conversation, "block-1", "just drop dead already");
            assertThat(ack.path("moderation_status").asString()).isEqualTo("blocked");
            assertThat(ack.path("seq").isMissingNode()).as("a blocked message takes no place in the sequence").isTrue();
            assertThat(ack.path("reason").path("message").asString()).contains("not sent");
            assertThat(ack.path("reason").path("categories").toString()).contains("harassment");

            JsonNode again = a.sendMessage(conversation, "block-1", "just drop dead already");
            assertThat(again.path("duplicate").asBoolean()).isTrue();
            assertThat(again.path("message_id").asString()).isEqualTo(ack.path("message_id").asString());

            JsonNode next = a.sendMessage(conversation, "after-block", "Sorry, let us get back to the mock interview");
            assertThat(next.path("seq").asLong()).isEqualTo(1);
            JsonNode seen = b.awaitType("message");
            assertThat(seen.path("seq").asLong()).isEqualTo(1);
            assertThat(seen.path("client_msg_id").asString()).isEqualTo("after-block");
            // The message after it has arrived, so the blocked one would have by now.
            assertThat(b.frames(f -> "message".equals(type(f)) && f.path("client_msg_id").asString().equals("block-1")))
                .isEmpty();
            JsonNode history = api.get("/api/v1/conversations/" + conversation + "/messages", bob.token()).expect(200).body();
            assertThat(history.path("items").size()).isEqualTo(1);
            assertThat(history.toString()).doesNotContain("drop dead");
        }
    }

    @Test
    void whileModerationIsDownMessagesGoOutPendingAndAreJudgedWhenItIsBackEvenIfTheSenderLeft() {
        TestUser alice = cluster.newUser();
        TestUser bob = cluster.newUser();
        UUID conversation = api.direct(alice, bob.id()).expect(201).id("conversation_id");
        try (ChatClient b = cluster.connect(1, bob)) {
            moderation.stop();
            try (ChatClient a = cluster.connect(0, alice)) {
                long started = System.nanoTime();
                JsonNode clean = a.sendMessage(conversation, "down-1", "Shall we meet tomorrow at ten for the review?");
                JsonNode abusive = a.sendMessage(conversation, "down-2", "you should go and die");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(clean.path("moderation_status").asString()).isEqualTo("pending");
                assertThat(abusive.path("moderation_status").asString()).isEqualTo("pending");
                assertThat(b.await(f -> "message".equals(type(f)) && f.path("seq").asLong() == 2)
                    .path("moderation_status").asString()).isEqualTo("pending");
            }
            finally {
                // Alice has disconnected and never comes back: chat re-checks with its own credential.
                moderation.restart();
            }

            JsonNode approved = b.await(f -> "message_moderated".equals(type(f)) && f.path("seq").asLong() == 1,
                    Duration.ofSeconds(30));
            assertThat(approved.path("moderation_status").asString()).isEqualTo("approved");
            JsonNode blocked = b.await(f -> "message_moderated".equals(type(f)) && f.path("seq").asLong() == 2,
                    Duration.ofSeconds(30));
            assertThat(blocked.path("moderation_status").asString()).isEqualTo("blocked");
            assertThat(blocked.path("content").isMissingNode()).isTrue();

            JsonNode bobsHistory = api.get("/api/v1/conversations/" + conversation + "/messages", bob.token()).expect(200)
                .body();
            assertThat(bobsHistory.path("items").findValues("seq").stream().map(JsonNode::asLong)).containsExactly(1L);
            JsonNode alicesHistory = api.get("/api/v1/conversations/" + conversation + "/messages", alice.token())
                .expect(200).body();
            assertThat(alicesHistory.path("items").get(0).path("moderation_status").asString()).isEqualTo("blocked");
        }
    }
}
