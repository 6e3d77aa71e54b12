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

import tools.jackson.databind.JsonNode;

@ModerationServiceTest
class ReportTests {

    private static final String REPORT = "/api/v1/moderation/report";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatefulRedisConnection<String, String> redis;

    Api api;

    TestTokens.Person reporter;

    TestTokens.Person sender;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        reporter = TestTokens.mentee();
        sender = TestTokens.mentor();
    }

    @Test
    void reportingTheSameTargetAgainMergesIntoOneReport() {
        String message = "msg-" + UUID.randomUUID();
        JsonNode first = api.post(REPORT, Api.reportOfMessage(message, sender.id(), "harassment"), reporter.token())
            .expect(201).body();
        assertThat(first.path("outcome").asString()).isEqualTo("pending");
        assertThat(first.path("merged").asBoolean()).isFalse();
        assertThat(first.path("submissions").asInt()).isEqualTo(1);

        Map<String, Object> again = new LinkedHashMap<>(Api.reportOfMessage(message, sender.id(), "hate"));
        again.put("details", "it got worse");
        JsonNode second = api.post(REPORT, again, reporter.token()).expect(200).body();
        assertThat(second.path("report_id").asString()).isEqualTo(first.path("report_id").asString());
        assertThat(second.path("merged").asBoolean()).isTrue();
        assertThat(second.path("submissions").asInt()).isEqualTo(2);
        assertThat(second.path("reason").asString()).isEqualTo("hate");
        assertThat(second.path("details").asString()).isEqualTo("it got worse");
        assertThat(jdbc.sql("SELECT count(*) FROM report_cases WHERE target_id = ?").param(message).query(Integer.class)
            .single()).isOne();
    }

    @Test
    void aReporterNeverLearnsAboutOtherReporters() {
        String message = "msg-" + UUID.randomUUID();
        TestTokens.Person other = TestTokens.mentee();
        JsonNode mine = api.post(REPORT, Api.reportOfMessage(message, sender.id(), "spam"), reporter.token()).expect(201)
            .body();
        JsonNode theirs = api.post(REPORT, Api.reportOfMessage(message, sender.id(), "harassment"), other.token())
            .expect(201).body();

        assertThat(theirs.path("report_id").asString()).isNotEqualTo(mine.path("report_id").asString());
        assertThat(theirs.path("merged").asBoolean()).isFalse();
        assertThat(theirs.propertyNames()).containsExactlyInAnyOrder("report_id", "target_type", "target_id",
                "reported_user_id", "reason", "details", "submissions", "outcome", "merged", "created_at", "updated_at");
        assertThat(theirs.toString()).doesNotContain(reporter.id().toString());

        String reportPath = "/api/v1/moderation/reports/" + mine.path("report_id").asString();
        api.get(reportPath, reporter.token()).expect(200);
        api.get(reportPath, other.token()).expectError(404, "NOT_FOUND");
        api.get(reportPath, TestTokens.admin().token()).expect(200);
        api.get("/api/v1/moderation/reports/" + UUID.randomUUID(), reporter.token()).expectError(404, "NOT_FOUND");
    }

    @Test
    void reportsFromSeveralPeoplePutTheReportedUserInTheQueue() throws Exception {
        TestTokens.Person target = TestTokens.mentor();
        List<TestTokens.Person> reporters = List.of(TestTokens.mentee(), TestTokens.mentee(), TestTokens.mentee());
        for (int i = 0; i < reporters.size(); i++) {
            api.post(REPORT, Api.reportOfMessage("msg-" + UUID.randomUUID(), target.id(), "harassment"),
                    reporters.get(i).token()).expect(201);
            // The same person reporting again does not count twice.
            api.post(REPORT, Api.reportOfMessage("msg-" + UUID.randomUUID(), target.id(), "harassment"),
                    reporters.get(0).token()).expect(201);
            int flags = jdbc.sql("SELECT count(*) FROM moderation_events WHERE user_id = ? AND content_type = 'user'")
                .param(target.id()).query(Integer.class).single();
            assertThat(flags).as("after %d reporters", i + 1).isEqualTo(i < 2 ? 0 : 1);
        }
        Map<String, Object> flag = jdbc.sql("""
                SELECT action_taken, source, review_status, reason FROM moderation_events
                WHERE user_id = ? AND content_type = 'user'""").param(target.id()).query().singleRow();
        assertThat(flag).containsEntry("action_taken", "flag").containsEntry("source", "behaviour")
            .containsEntry("review_status", "pending");
        assertThat((String) flag.get("reason")).contains("3 different people");
        assertThat(ModerationStream.types(new ModerationStream(redis).await(target.id(), events -> !events.isEmpty())))
            .containsExactly("ContentFlagged");
    }

    @Test
    void usersAreReportedByIdAndNobodyReportsThemselves() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("target_type", "user");
        user.put("target_id", sender.id().toString());
        user.put("reason", "off_platform_solicitation");
        JsonNode report = api.post(REPORT, user, reporter.token()).expect(201).body();
        assertThat(report.path("reported_user_id").asString()).isEqualTo(sender.id().toString());

        user.put("target_id", reporter.id().toString());
        api.post(REPORT, user, reporter.token()).expectError(422, "UNPROCESSABLE");
        api.post(REPORT, Api.reportOfMessage("msg-1", reporter.id(), "spam"), reporter.token())
            .expectError(422, "UNPROCESSABLE");
    }

    @Test
    void badReportsAreClear400s() {
        Map<String, Object> body = Api.reportOfMessage("msg-" + UUID.randomUUID(), sender.id(), "spam");
        api.post(REPORT, with(body, "target_type", "comment"), reporter.token()).expectFieldError("target_type");
        api.post(REPORT, with(body, "reason", "rudeness"), reporter.token()).expectFieldError("reason");
        api.post(REPORT, with(body, "reported_user_id", null), reporter.token()).expectFieldError("reported_user_id");
        api.post(REPORT, with(body, "target_id", ""), reporter.token()).expectFieldError("target_id");
        api.post(REPORT, with(body, "details", "x".repeat(2001)), reporter.token()).expectFieldError("details");
        api.post(REPORT, with(with(body, "target_type", "user"), "target_id", "alice"), reporter.token())
            .expectFieldError("target_id");
        api.post(REPORT, with(with(body, "target_type", "user"), "target_id", UUID.randomUUID().toString()),
                reporter.token()).expectFieldError("reported_user_id");
        api.post(REPORT, "{\"target_type\": ", reporter.token()).expectError(400, "VALIDATION_ERROR");
        api.post(REPORT, body, null).expectError(401, "UNAUTHORIZED");
        assertThat(jdbc.sql("SELECT count(*) FROM reports WHERE reporter_id = ?").param(reporter.id()).query(Integer.class)
            .single()).isZero();
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }
}
