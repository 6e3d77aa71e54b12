package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.linkwithmentor.common.security.RevokedSessions;

import tools.jackson.databind.JsonNode;

@ModerationServiceTest
class AnalysisApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    @Autowired
    RevokedSessions revokedSessions;

    Api api;

    TestTokens.Person author;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        author = TestTokens.mentee();
    }

    @Test
    void cleanMessageIsAllowedAndLeavesNoRecord() {
        JsonNode verdict = api.analyze(author, "Can we move our session to Thursday at 6 pm?").body();

        assertThat(verdict.path("decision").asString()).isEqualTo("allow");
        assertThat(verdict.path("severity").asString()).isEqualTo("none");
        assertThat(verdict.path("categories").isEmpty()).isTrue();
        assertThat(verdict.path("matches").isEmpty()).isTrue();
        assertThat(verdict.path("policy_version").asString()).startsWith("v1+");
        assertThat(verdict.has("event_id")).isFalse();
        assertThat(verdict.has("normalized")).isFalse();
        assertThat(eventsOf(author.id())).isZero();
    }

    @Test
    void matchOffsetsPointIntoTheOriginalTextThroughDisguises() {
        String text = "ok so y\u200Bou are an ＩＤＩＯＴ and f.u.c.k this";
        JsonNode verdict = api.analyze(author, text).body();

        assertThat(verdict.path("decision").asString()).isEqualTo("flag");
        assertThat(categories(verdict)).containsExactlyInAnyOrder("harassment", "profanity");
        List<String> matched = verdict.path("matches").valueStream()
            .map(match -> match.path("category").asString() + ":"
                    + text.substring(match.path("start").asInt(), match.path("end").asInt()))
            .toList();
        assertThat(matched).containsExactly("harassment:y\u200Bou are an ＩＤＩＯＴ", "profanity:f.u.c.k");
    }

    @Test
    void normalizedTextIsReturnedOnlyWhenAskedFor() {
        JsonNode verdict = api.post("/api/v1/moderation/analyze?include_normalized=true",
                Api.message(author.id(), "Sh1t, ＳＨＩＩＩＴ"), author.token()).expect(200).body();

        assertThat(verdict.path("normalized").asString()).isEqualTo("shit shiiit");
    }

    @Test
    void innocentWordsContainingBadOnesAreLeftAlone() {
        for (String text : List.of("I live in Scunthorpe and study classic analysis",
                "my therapist recommended shiitake and a cocktail", "He graduated magna cum laude",
                "Don't kill yourself over this bug, take a break")) {
            assertThat(api.analyze(author, text).text("decision")).as(text).isEqualTo("allow");
        }
    }

    @Test
    void flaggedContentIsRecordedWithThePolicyVersionAndQueuedForReview() {
        JsonNode verdict = api.analyze(author, "this fucking build again").body();

        assertThat(verdict.path("decision").asString()).isEqualTo("flag");
        UUID eventId = UUID.fromString(verdict.path("event_id").asString());
        Map<String, Object> row = jdbc.sql("""
                SELECT action_taken, review_status, severity, policy_version, strikes_active, content_text,
                    array_to_string(policy_violated, ',') AS violated
                FROM moderation_events WHERE event_id = ?""").param(eventId).query().singleRow();
        assertThat(row).containsEntry("action_taken", "flag").containsEntry("review_status", "pending")
            .containsEntry("severity", "medium").containsEntry("violated", "profanity")
            .containsEntry("policy_version", verdict.path("policy_version").asString())
            .containsEntry("strikes_active", false).containsEntry("content_text", "this fucking build again");
    }

    @Test
    void threatsAreBlockedAndCountAsStrikesAtOnce() throws Exception {
        JsonNode verdict = api.analyze(author, "i will kill you").body();

        assertThat(verdict.path("decision").asString()).isEqualTo("block");
        assertThat(verdict.path("severity").asString()).isEqualTo("critical");
        assertThat(categories(verdict)).containsExactly("harassment");
        // Three strikes cross the "warn" step (2) of the ladder in one go.
        assertThat(verdict.path("sanction").path("action").asString()).isEqualTo("warn");

        List<JsonNode> published = new ModerationStream(redis).await(author.id(), events -> events.size() >= 2);
        assertThat(ModerationStream.types(published)).containsExactly("ContentFlagged", "UserWarned");
        JsonNode flagged = published.get(0);
        assertThat(flagged.path("producer").asString()).isEqualTo("moderation-service");
        assertThat(flagged.path("payload").path("action").asString()).isEqualTo("block");
        assertThat(flagged.path("payload").path("user_id").asString()).isEqualTo(author.id().toString());
        assertThat(flagged.path("payload").path("categories").get(0).asString()).isEqualTo("harassment");
    }

    @Test
    void offPlatformPaymentWithContactDetailsIsBlocked() {
        JsonNode verdict = api.analyze(author, "whatsapp me at 98765 43210, pay directly and skip the platform fee").body();

        assertThat(verdict.path("decision").asString()).isEqualTo("block");
        assertThat(categories(verdict)).contains("off_platform_solicitation", "personal_data");
    }

    @Test
    void selfHarmIsFlaggedForCareNeverBlockedNorStruck() {
        JsonNode verdict = api.analyze(author, "i just want to die, nothing to live for").body();

        assertThat(verdict.path("decision").asString()).isEqualTo("flag");
        assertThat(categories(verdict)).containsExactly("self_harm");
        assertThat(jdbc.sql("SELECT strikes FROM moderation_events WHERE user_id = ?").param(author.id())
            .query(Integer.class).single()).isZero();
    }

    @Test
    void theSameMessageOverAndOverBecomesSpam() {
        String text = "Join my channel for free interview prep material";
        for (int i = 0; i < 3; i++) {
            assertThat(api.analyze(author, text).text("decision")).isEqualTo("allow");
        }
        JsonNode fourth = api.analyze(author, "JOIN my channel   for free interview prep material!!!").body();

        assertThat(fourth.path("decision").asString()).isEqualTo("block");
        assertThat(categories(fourth)).containsExactly("spam");
        // Other content types do not count toward chat behaviour.
        JsonNode profile = api.post("/api/v1/moderation/analyze", Api.analysis(author.id(), "profile", text),
                author.token()).expect(200).body();
        assertThat(profile.path("decision").asString()).isEqualTo("allow");
    }

    @Test
    void floodingMutesTheSenderOnce() throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 22; i++) {
            last = api.analyze(author, "message number " + i).body();
            if (i == 20) {
                assertThat(last.path("decision").asString()).isEqualTo("block");
                assertThat(last.path("sanction").path("action").asString()).isEqualTo("mute");
                assertThat(last.path("sanction").path("until").asString()).isNotBlank();
            }
        }
        // Still blocked while over the rate, but without strikes: the mute already answers the flood.
        assertThat(last.path("decision").asString()).isEqualTo("block");
        assertThat(last.has("sanction")).isFalse();
        assertThat(jdbc.sql("SELECT COALESCE(SUM(strikes), 0) FROM moderation_events WHERE user_id = ? AND strikes_active")
            .param(author.id()).query(Integer.class).single()).isZero();
        List<JsonNode> published = new ModerationStream(redis).await(author.id(),
                events -> ModerationStream.types(events).contains("UserMuted"));
        JsonNode muted = published.stream().filter(event -> event.path("type").asString().equals("UserMuted")).findFirst()
            .orElseThrow();
        assertThat(muted.path("payload").path("until").asString()).isNotBlank();
        assertThat(muted.path("payload").path("reason").asString()).contains("messages within");
    }

    @Test
    void contentCanOnlyBeAnalysedAsItsAuthorUnlessAdmin() {
        TestTokens.Person someoneElse = TestTokens.mentee();
        api.post("/api/v1/moderation/analyze", Api.message(someoneElse.id(), "hello"), author.token())
            .expectError(403, "FORBIDDEN");
        api.post("/api/v1/moderation/analyze", Api.message(someoneElse.id(), "hello"), TestTokens.admin().token())
            .expect(200);
        api.post("/api/v1/moderation/analyze", Api.message(author.id(), "hello"), null).expectError(401, "UNAUTHORIZED");
    }

    @Test
    void aRevokedTokenIsRefusedRightAfterItWasAccepted() {
        TestTokens.Person user = TestTokens.mentee();
        api.analyze(user, "hello");
        // As user-service does on suspension; the token's signature is cached, its revocation is not.
        revokedSessions.revokeUserTokensIssuedBefore(user.id(), java.time.Instant.now().plusSeconds(1),
                java.time.Duration.ofMinutes(20));

        api.post("/api/v1/moderation/analyze", Api.message(user.id(), "hello again"), user.token())
            .expectError(401, "UNAUTHORIZED");
    }

    @Test
    void badRequestsAreClear400s() {
        api.post("/api/v1/moderation/analyze", Api.message(author.id(), ""), author.token()).expectFieldError("text");
        api.post("/api/v1/moderation/analyze", Api.message(author.id(), "   "), author.token()).expectFieldError("text");
        api.post("/api/v1/moderation/analyze", Api.message(author.id(), "a".repeat(10_001)), author.token())
            .expectFieldError("text");
        api.post("/api/v1/moderation/analyze", Api.message(author.id(), "a".repeat(10_000)), author.token()).expect(200);

        Map<String, Object> unknownType = Api.analysis(author.id(), "hologram", "hello");
        Api.Reply reply = api.post("/api/v1/moderation/analyze", unknownType, author.token()).expectFieldError("content_type");
        assertThat(reply.text("message")).contains("message", "profile");

        Map<String, Object> noText = new LinkedHashMap<>(Api.message(author.id(), "x"));
        noText.remove("text");
        api.post("/api/v1/moderation/analyze", noText, author.token()).expectFieldError("text");
        Map<String, Object> noContentId = new LinkedHashMap<>(Api.message(author.id(), "x"));
        noContentId.remove("content_id");
        api.post("/api/v1/moderation/analyze", noContentId, author.token()).expectFieldError("content_id");
        Map<String, Object> badUser = new LinkedHashMap<>(Api.message(author.id(), "x"));
        badUser.put("user_id", "not-a-uuid");
        api.post("/api/v1/moderation/analyze", badUser, author.token()).expectFieldError("user_id");
        Map<String, Object> numberText = new LinkedHashMap<>(Api.message(author.id(), "x"));
        numberText.put("text", Map.of("nested", true));
        api.post("/api/v1/moderation/analyze", numberText, author.token()).expectFieldError("text");

        api.post("/api/v1/moderation/analyze", "{\"content_id\": \"x\", ", author.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/moderation/analyze", "", author.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/moderation/analyze", "[1, 2]", author.token()).expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/moderation/analyze?include_normalized=maybe", Api.message(author.id(), "x"), author.token())
            .expectError(400, "VALIDATION_ERROR");
        api.post("/api/v1/moderation/analyze", Api.message(author.id(), "a".repeat(300_000)), author.token())
            .expectFieldError("text");
        api.post("/api/v1/moderation/analyze", "{\"text\": \"" + "a".repeat(8_000_000) + "\"}", author.token())
            .expectError(413, "PAYLOAD_TOO_LARGE");
        api.post("/api/v1/moderation/reports", "{\"details\": \"" + "a".repeat(300_000) + "\"}", author.token())
            .expectError(413, "PAYLOAD_TOO_LARGE");
        assertThat(eventsOf(author.id())).isZero();
    }

    private int eventsOf(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM moderation_events WHERE user_id = ?").param(userId).query(Integer.class).single();
    }

    private static List<String> categories(JsonNode verdict) {
        return verdict.path("categories").valueStream().map(JsonNode::asString).toList();
    }
}
