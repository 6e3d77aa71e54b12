package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

@ModerationServiceTest
class ReviewAndAppealTests {

    private static final String QUEUE = "/api/v1/moderation/admin/queue";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    Api api;

    TestTokens.Person admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = TestTokens.admin();
    }

    @Test
    void theQueueListsFlaggedContentAndOpenReportsMostUrgentFirst() {
        TestTokens.Person user = TestTokens.mentee();
        String profanity = api.analyze(user, "this shit again").text("event_id");
        String selfHarm = api.analyze(user, "i want to die").text("event_id");
        String message = "msg-" + UUID.randomUUID();
        JsonNode report = api.post("/api/v1/moderation/report", Api.reportOfMessage(message, user.id(), "spam"),
                TestTokens.mentee().token()).expect(201).body();

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(QUEUE + "?limit=1" + (cursor != null ? "&cursor=" + cursor : ""), admin.token())
                .expect(200).body();
            page.path("items").forEach(items::add);
            cursor = page.hasNonNull("next_cursor") ? page.path("next_cursor").asString() : null;
        }
        while (cursor != null);

        List<String> ids = items.stream().map(item -> item.path("item_id").asString()).toList();
        assertThat(ids).contains(profanity, selfHarm);
        assertThat(ids.indexOf(selfHarm)).as("self-harm goes first").isLessThan(ids.indexOf(profanity));
        assertThat(ids).doesNotHaveDuplicates();
        JsonNode reportItem = items.stream().filter(item -> item.path("kind").asString().equals("report")
                && item.path("content_id").asString().equals(message)).findFirst().orElseThrow();
        assertThat(reportItem.path("reporter_count").asInt()).isOne();
        assertThat(reportItem.path("reports").get(0).path("report_id").asString())
            .isEqualTo(report.path("report_id").asString());
        JsonNode contentItem = items.get(ids.indexOf(selfHarm));
        assertThat(contentItem.path("text").asString()).isEqualTo("i want to die");
        assertThat(contentItem.path("categories").get(0).asString()).isEqualTo("self_harm");

        JsonNode onlyReports = api.get(QUEUE + "?kind=report", admin.token()).expect(200).body();
        assertThat(onlyReports.path("items").valueStream().map(item -> item.path("kind").asString())).containsOnly("report");
        api.get(QUEUE + "?kind=everything", admin.token()).expectFieldError("kind");
        api.get(QUEUE + "?status=closed", admin.token()).expectFieldError("status");
        api.get(QUEUE + "?cursor=bm9wZQ", admin.token()).expectFieldError("cursor");
    }

    @Test
    void upholdingFlagsMakesTheirStrikesCount() throws Exception {
        TestTokens.Person user = TestTokens.mentee();
        String first = api.analyze(user, "you are an idiot").text("event_id");
        String second = api.analyze(user, "shut up, nobody asked you").text("event_id");

        JsonNode decided = decide("events", first, "uphold", "clear insult").expect(200).body();
        assertThat(decided.path("status").asString()).isEqualTo("upheld");
        assertThat(decided.path("outcome").path("strikes_count").asBoolean()).isTrue();
        assertThat(decided.hasNonNull("sanction")).isFalse();
        JsonNode warned = decide("events", second, "uphold", "again").expect(200).body();
        assertThat(warned.path("sanction").path("action_taken").asString()).isEqualTo("warn");

        decide("events", first, "overturn", "changed my mind").expectError(409, "CONFLICT");
        decide("events", UUID.randomUUID().toString(), "uphold", "x").expectError(404, "NOT_FOUND");
        decide("events", first, "approve", "x").expectFieldError("decision");
        api.post("/api/v1/moderation/admin/events/" + first + "/decision", Map.of("decision", "uphold"), admin.token())
            .expectFieldError("reason");
        List<JsonNode> published = new ModerationStream(redis).await(user.id(),
                events -> ModerationStream.types(events).contains("UserWarned"));
        assertThat(ModerationStream.types(published)).containsExactly("ContentFlagged", "ContentFlagged", "UserWarned");
    }

    @Test
    void overturningTheBlockBehindAMuteLiftsIt() throws Exception {
        TestTokens.Person user = TestTokens.mentee();
        api.analyze(user, "i will kill you");
        JsonNode muting = api.analyze(user, "madarchod").body();
        assertThat(muting.path("sanction").path("action").asString()).isEqualTo("mute");

        JsonNode decided = decide("events", muting.path("event_id").asString(), "overturn", "quoted a film line")
            .expect(200).body();
        assertThat(decided.path("status").asString()).isEqualTo("overturned");
        assertThat(decided.path("sanction").path("action_taken").asString()).isEqualTo("reinstate");
        JsonNode standing = api.get("/api/v1/moderation/users/" + user.id() + "/standing", user.token()).expect(200).body();
        assertThat(standing.path("status").asString()).isEqualTo("good");
        assertThat(standing.path("strikes").asInt()).isEqualTo(3);

        List<JsonNode> published = new ModerationStream(redis).await(user.id(), events -> events.size() >= 6);
        assertThat(ModerationStream.types(published)).containsExactly("ContentFlagged", "UserWarned", "ContentFlagged",
                "UserMuted", "ContentCleared", "UserReinstated");
        assertThat(published.get(5).path("payload").path("lifted").asString()).isEqualTo("muted");
    }

    @Test
    void escalatedItemsMoveToTheFrontAndStayOpen() {
        TestTokens.Person user = TestTokens.mentee();
        String event = api.analyze(user, "this fucking thing").text("event_id");

        assertThat(decide("events", event, "escalate", "needs a senior look").expect(200).text("status"))
            .isEqualTo("escalated");
        decide("events", event, "escalate", "again").expectError(409, "CONFLICT");
        JsonNode escalated = api.get(QUEUE + "?status=escalated&kind=content", admin.token()).expect(200).body();
        assertThat(escalated.path("items").get(0).path("item_id").asString()).isEqualTo(event);
        assertThat(decide("events", event, "uphold", "senior agrees").expect(200).text("status")).isEqualTo("upheld");
    }

    @Test
    void upholdingAReportBlocksTheContentAndTellsTheReporter() throws Exception {
        TestTokens.Person sender = TestTokens.mentor();
        TestTokens.Person reporter = TestTokens.mentee();
        String message = "msg-" + UUID.randomUUID();
        JsonNode report = api.post("/api/v1/moderation/report",
                Api.reportOfMessage(message, sender.id(), "off_platform_solicitation"), reporter.token()).expect(201).body();
        String caseId = jdbc.sql("SELECT case_id::text FROM report_cases WHERE target_id = ?").param(message)
            .query(String.class).single();

        JsonNode decided = api.post("/api/v1/moderation/admin/reports/" + caseId + "/decision",
                Map.of("decision", "uphold", "reason", "asked for payment on gpay", "severity", "high"), admin.token())
            .expect(200).body();
        assertThat(decided.path("status").asString()).isEqualTo("upheld");
        JsonNode outcome = decided.path("outcome");
        assertThat(outcome.path("action_taken").asString()).isEqualTo("block");
        assertThat(outcome.path("content_id").asString()).isEqualTo(message);
        assertThat(outcome.path("source").asString()).isEqualTo("report");
        assertThat(outcome.path("strikes").asInt()).isEqualTo(2);
        assertThat(decided.path("sanction").path("action_taken").asString()).isEqualTo("warn");

        assertThat(api.get("/api/v1/moderation/reports/" + report.path("report_id").asString(), reporter.token())
            .expect(200).text("outcome")).isEqualTo("action_taken");
        api.post("/api/v1/moderation/admin/reports/" + caseId + "/decision", Api.decision("overturn", "x"), admin.token())
            .expectError(409, "CONFLICT");
        api.post("/api/v1/moderation/admin/reports/" + caseId + "/decision",
                Map.of("decision", "uphold", "reason", "x", "severity", "extreme"), admin.token()).expectFieldError("severity");
        assertThat(ModerationStream.types(new ModerationStream(redis).await(sender.id(), events -> events.size() >= 2)))
            .containsExactly("ContentFlagged", "UserWarned");
    }

    @Test
    void appealsAreFiledByTheAffectedUserAndDecidedByAnotherAdmin() throws Exception {
        TestTokens.Person user = TestTokens.mentee();
        String blocked = api.analyze(user, "send nudes").text("event_id");
        String appeals = "/api/v1/moderation/events/" + blocked + "/appeals";

        api.post(appeals, Map.of("reason", "x"), TestTokens.mentee().token()).expectError(404, "NOT_FOUND");
        JsonNode appeal = api.post(appeals, Map.of("reason", "it was a joke between friends"), user.token()).expect(201)
            .body();
        assertThat(appeal.path("status").asString()).isEqualTo("open");
        api.post(appeals, Map.of("reason", "again"), user.token()).expectError(409, "CONFLICT");
        api.post(appeals, Map.of("reason", ""), user.token()).expectFieldError("reason");
        String appealPath = "/api/v1/moderation/appeals/" + appeal.path("appeal_id").asString();
        api.get(appealPath, user.token()).expect(200);
        api.get(appealPath, TestTokens.mentee().token()).expectError(404, "NOT_FOUND");

        JsonNode open = api.get("/api/v1/moderation/admin/appeals", admin.token()).expect(200).body();
        assertThat(open.path("items").valueStream().map(item -> item.path("appeal_id").asString()))
            .contains(appeal.path("appeal_id").asString());

        String decision = "/api/v1/moderation/admin/appeals/" + appeal.path("appeal_id").asString() + "/decision";
        String userAsAdmin = TestTokens.as(user, "admin", "mentee", "admin");
        api.post(decision, Api.decision("overturn", "my own"), userAsAdmin).expectError(403, "FORBIDDEN");
        JsonNode granted = api.post(decision, Api.decision("overturn", "context shows banter"), admin.token()).expect(200)
            .body();
        assertThat(granted.path("status").asString()).isEqualTo("overturned");
        assertThat(granted.path("event").path("review_status").asString()).isEqualTo("overturned");
        assertThat(granted.path("event").path("strikes_count").asBoolean()).isFalse();
        api.post(decision, Api.decision("uphold", "late"), admin.token()).expectError(409, "CONFLICT");
        api.get("/api/v1/moderation/admin/appeals?status=sideways", admin.token()).expectFieldError("status");

        // The block had warned the user (2 strikes); overturned, it no longer counts and the warning goes too.
        assertThat(ModerationStream.types(new ModerationStream(redis).await(user.id(), events -> events.size() >= 3)))
            .containsExactly("ContentFlagged", "UserWarned", "ContentCleared");
        assertThat(api.get("/api/v1/moderation/users/" + user.id() + "/standing", user.token()).expect(200)
            .text("status")).isEqualTo("good");
        JsonNode audit = api.get("/api/v1/moderation/admin/audit?admin_id=" + admin.id(), admin.token()).expect(200).body();
        assertThat(audit.path("items").get(0).path("action").asString()).isEqualTo("appeal.overturn");
        assertThat(audit.path("items").get(0).path("details").path("event_id").asString()).isEqualTo(blocked);
    }

    @Test
    void adminsCannotDecideTheirOwnCases() {
        String own = api.analyze(admin, "this shit").text("event_id");
        decide("events", own, "overturn", "not me").expectError(403, "FORBIDDEN");
        decide("events", own, "escalate", "not me").expectError(403, "FORBIDDEN");
    }

    @Test
    void theAuditLogIsReadableByAdminsAndCannotBeRewritten() {
        TestTokens.Person user = TestTokens.mentee();
        String event = api.analyze(user, "bullshit").text("event_id");
        decide("events", event, "uphold", "profanity").expect(200);

        JsonNode entries = api.get("/api/v1/moderation/admin/audit?target_id=" + event, admin.token()).expect(200).body();
        JsonNode entry = entries.path("items").get(0);
        assertThat(entry.path("action").asString()).isEqualTo("review.content.uphold");
        assertThat(entry.path("request_id").asString()).isNotBlank();

        assertThatThrownBy(() -> jdbc.sql("UPDATE admin_audit_log SET reason = 'nothing happened'").update())
            .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: UPDATE");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM admin_audit_log").update())
            .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: DELETE");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE admin_audit_log").update())
            .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: TRUNCATE");
        assertThat(jdbc.sql("SELECT reason FROM admin_audit_log WHERE target_id = ?").param(event).query(String.class)
            .single()).isEqualTo("profanity");
        api.get("/api/v1/moderation/admin/audit?cursor=!!!", admin.token()).expectError(400, "VALIDATION_ERROR");
    }

    @Test
    void cursorsOutOfRangeAreTheSame400AsGarbage() {
        String id = java.util.UUID.randomUUID().toString();
        java.util.List<String> lists = java.util.List.of(
                "/api/v1/moderation/admin/queue?cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                        "2147483648", "2024-01-01T00:00:00Z", id),
                "/api/v1/moderation/admin/queue?cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                        "10", "+100000-01-01T00:00:00Z", id),
                "/api/v1/moderation/admin/queue?cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                        "10", "-5000-01-01T00:00:00Z", id),
                "/api/v1/moderation/admin/appeals?cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                        "+999999999-12-31T23:59:59Z", id),
                "/api/v1/moderation/admin/appeals?cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                        "2024-01-01T00:00:00Z", "not-a-uuid"),
                "/api/v1/moderation/admin/audit?cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                        "99999999999999999999"),
                "/api/v1/moderation/admin/audit?cursor=" + com.linkwithmentor.common.web.PageCursor.encode("-1"),
                "/api/v1/moderation/events/" + admin.id() + "?cursor=" + com.linkwithmentor.common.web.PageCursor.encode(
                        "zzzz"));
        for (String list : lists) {
            api.get(list, admin.token()).expectFieldError("cursor");
        }
    }

    private Api.Reply decide(String kind, String id, String decision, String reason) {
        return api.post("/api/v1/moderation/admin/" + kind + "/" + id + "/decision", Api.decision(decision, reason),
                admin.token());
    }
}
