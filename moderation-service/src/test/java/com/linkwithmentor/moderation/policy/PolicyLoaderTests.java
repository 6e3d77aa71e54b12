package com.linkwithmentor.moderation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy either loads completely or is refused with the file and place of the mistake. */
class PolicyLoaderTests {

    @TempDir
    Path folder;

    @BeforeEach
    void copyBundledPolicy() throws IOException, URISyntaxException {
        Path bundled = Path.of(getClass().getResource("/policies/v1/policy.yaml").toURI()).getParent();
        try (Stream<Path> files = Files.walk(bundled)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = folder.resolve(bundled.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void theVersionNamesTheDeclaredVersionAndTheContent() throws IOException {
        Policy first = load();
        assertThat(first.version()).matches("v1\\+[0-9a-f]{10}");
        assertThat(load().version()).isEqualTo(first.version());

        Files.writeString(folder.resolve("allow.txt"), "\nsomething innocent\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(load().version()).startsWith("v1+").isNotEqualTo(first.version());
    }

    @Test
    void mistakesNameTheFileAndTheLineOrKey() throws IOException, URISyntaxException {
        replace("terms/spam.txt", "[medium]", "[urgent]");
        assertRefused("terms/spam.txt:", "unknown section [urgent]");
        copyBundledPolicy();

        Files.writeString(folder.resolve("terms/hate.txt"), "orphan term\n");
        assertRefused("terms/hate.txt:1", "before any [severity] section");
        copyBundledPolicy();

        Files.writeString(folder.resolve("terms/hate.txt"), "[high]\n{unclosed|brace\n");
        assertRefused("terms/hate.txt:2", "unbalanced");
        copyBundledPolicy();

        Files.writeString(folder.resolve("terms/hate.txt"), "[high]\n...\n");
        assertRefused("terms/hate.txt:2", "normalizes to nothing");
        copyBundledPolicy();

        replace("policy.yaml", "strike_window: 30d", "strike_window: a month");
        assertRefused("policy.yaml", "enforcement.strike_window", "duration");
        copyBundledPolicy();

        replace("policy.yaml", "  default:                   {low: allow, medium: flag, high: block, critical: block}",
                "  default:                   {low: allow, medium: flagg, high: block, critical: block}");
        assertRefused("policy.yaml", "actions.default.medium", "unknown action 'flagg'");
        copyBundledPolicy();

        replace("policy.yaml", "version: v1", "version: v1\nverison: v2");
        assertRefused("policy.yaml", "unknown key 'verison'");
        copyBundledPolicy();

        replace("policy.yaml", "    hate: terms/hate.txt", "    hatred: terms/hate.txt");
        assertRefused("policy.yaml", "unknown category 'hatred'");
        copyBundledPolicy();

        Files.delete(folder.resolve("rules.yaml"));
        assertRefused("rules.yaml", "no such file");
        copyBundledPolicy();

        replace("rules.yaml", "sequence: [\"@group\", \"@copula\", \"@vermin\"]", "sequence: [\"@group\", \"@copula\", \"@varmin\"]");
        assertRefused("rules.yaml", "rules[0].sequence[2]", "unknown class '@varmin'");
        copyBundledPolicy();

        replace("rules.yaml", "    max_gap: 3\n", "    max_gap: 3\n    near: [a, b]\n");
        assertRefused("rules.yaml", "rules[0]", "exactly one of 'sequence' or 'near'");
        copyBundledPolicy();

        replace("policy.yaml", "hash_max_distance: 31", "hash_max_distance: 300");
        assertRefused("policy.yaml", "media.hash_max_distance", "from 0 to 128");
        copyBundledPolicy();

        Files.writeString(folder.resolve("hashes.txt"), "not-a-hash spam high label\n");
        assertRefused("hashes.txt:1", "64 hex digits");
        copyBundledPolicy();

        replace("policy.yaml", "allow: allow.txt", "allow: ../../etc/passwd");
        assertRefused("must be a relative path inside the policy folder");
        copyBundledPolicy();

        replace("policy.yaml", "    - {strikes: 4, action: mute, duration: 1h}", "    - {strikes: 4, action: mute}");
        assertRefused("policy.yaml", "enforcement.ladder[1]", "a mute needs a duration");
    }

    @Test
    void alternativesInBracesExpandToEveryCombination() {
        assertThat(PolicyLoader.expand("{you are|you're} {an idiot|a loser}", "x")).containsExactly("you are an idiot",
                "you are a loser", "you're an idiot", "you're a loser");
        assertThat(PolicyLoader.expand("pay me{| now}", "x")).containsExactly("pay me", "pay me now");
        assertThatThrownBy(() -> PolicyLoader.expand("a|b", "f:3")).hasMessageContaining("f:3");
    }

    private Policy load() {
        return PolicyLoader.load(PolicySource.directory(folder));
    }

    private void assertRefused(String... fragments) {
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class).hasMessageContainingAll(fragments);
    }

    private void replace(String file, String from, String to) throws IOException {
        String text = Files.readString(folder.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(folder.resolve(file), text.replace(from, to));
    }
}
