package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/** The policy as data in an operator's folder: reloaded on request or when its files change. */
@ModerationServiceTest
class PolicyReloadTests {

    private static final Path BUNDLED = bundledPolicy();

    private static final Path FOLDER = copyOf(BUNDLED);

    private static final String RELOAD = "/api/v1/moderation/admin/policies/reload";

    @DynamicPropertySource
    static void policyFolder(DynamicPropertyRegistry registry) {
        registry.add("lwm.moderation.policy-dir", FOLDER::toString);
        registry.add("lwm.moderation.watch-settle", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    TestTokens.Person admin;

    TestTokens.Person user;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = TestTokens.admin();
        user = TestTokens.mentee();
    }

    @AfterEach
    void restoreBundledPolicy() throws Exception {
        copy(BUNDLED, FOLDER);
        awaitVersion(version -> version.equals(bundledVersion()));
    }

    @Test
    void anAdminReloadsAnEditedPolicyWithoutARestart() throws Exception {
        String before = currentVersion();
        assertThat(api.analyze(user, "you absolute frobnicator").text("decision")).isEqualTo("allow");

        append("terms/harassment.txt", "\n[high]\nfrobnicator\n");
        JsonNode reloaded = api.post(RELOAD, null, admin.token()).expect(200).body();

        // The watcher may have been quicker than the request; either way the new version is in force.
        String after = reloaded.path("policy").path("version").asString();
        assertThat(after).startsWith("v1+").isNotEqualTo(before);
        JsonNode verdict = api.analyze(user, "you absolute frobnicator").body();
        assertThat(verdict.path("decision").asString()).isEqualTo("block");
        assertThat(verdict.path("policy_version").asString()).isEqualTo(after);
        assertThat(jdbc.sql("SELECT policy_version FROM moderation_events WHERE event_id = ?::uuid")
            .param(verdict.path("event_id").asString()).query(String.class).single()).isEqualTo(after);
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE action = 'policy.reload' AND admin_id = ?")
            .param(admin.id()).query(Integer.class).single()).isOne();
    }

    @Test
    void aBrokenPolicyIsRefusedAndTheRunningOneStaysInForce() throws Exception {
        String before = currentVersion();
        Files.writeString(FOLDER.resolve("patterns.yaml"), """
                patterns:
                  - name: broken
                    category: spam
                    severity: high
                    regex: '(unclosed'
                """);

        Api.Reply refused = api.post(RELOAD, null, admin.token()).expectError(422, "UNPROCESSABLE");
        assertThat(refused.text("message")).contains("patterns.yaml", "patterns[0].regex", before);
        assertThat(currentVersion()).isEqualTo(before);
        assertThat(api.analyze(user, "i will kill you").text("decision")).isEqualTo("block");
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE action = 'policy.reload_failed'")
            .query(Integer.class).single()).isOne();
    }

    @Test
    void theWatcherReloadsEditedFilesByItself() throws Exception {
        String before = currentVersion();
        append("allow.txt", "\nkill yourself\n");

        String after = awaitVersion(version -> !version.equals(before));
        assertThat(after).isNotEqualTo(before);
        assertThat(api.analyze(user, "kill yourself").text("decision")).isEqualTo("allow");
    }

    @Test
    void onlyActiveAdminsSeeOrReloadThePolicy() {
        api.post(RELOAD, null, user.token()).expectError(403, "FORBIDDEN");
        api.get("/api/v1/moderation/admin/policies", user.token()).expectError(403, "FORBIDDEN");
        JsonNode policy = api.get("/api/v1/moderation/admin/policies", admin.token()).expect(200).body();
        assertThat(policy.path("source").asString()).isEqualTo(FOLDER.toAbsolutePath().normalize().toString());
        assertThat(policy.path("terms").asInt()).isGreaterThan(1000);
    }

    private String currentVersion() {
        return api.get("/api/v1/moderation/admin/policies", admin.token()).expect(200).text("version");
    }

    private String bundledVersion() {
        return com.linkwithmentor.moderation.policy.PolicyLoader
            .load(com.linkwithmentor.moderation.policy.PolicySource.directory(BUNDLED)).version();
    }

    private String awaitVersion(java.util.function.Predicate<String> condition) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
            .until(this::currentVersion, condition::test);
    }

    private static void append(String file, String text) throws IOException {
        Files.writeString(FOLDER.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static Path bundledPolicy() {
        try {
            return Path.of(PolicyReloadTests.class.getResource("/policies/v1/policy.yaml").toURI()).getParent();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path copyOf(Path source) {
        try {
            Path target = Files.createTempDirectory("lwm-policy-");
            copy(source, target);
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                }
                else if (!Files.exists(destination) || Files.mismatch(file, destination) >= 0) {
                    Files.copy(file, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
