package com.linkwithmentor.moderation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AhoCorasickTests {

    @Test
    void findsEveryOccurrenceOfEveryPatternIncludingOverlaps() {
        AhoCorasick automaton = build("he", "she", "his", "hers");

        assertThat(scan(automaton, "ushers")).containsExactly("she@3", "he@3", "hers@5");
        assertThat(scan(automaton, "hishe")).containsExactly("his@2", "she@4", "he@4");
    }

    @Test
    void charactersNoPatternUsesRestartTheSearch() {
        AhoCorasick automaton = build("abc");

        assertThat(scan(automaton, "ab✓abc")).containsExactly("abc@5");
        assertThat(scan(automaton, "a b c")).isEmpty();
    }

    @Test
    void aPatternInsideAnotherIsReportedToo() {
        AhoCorasick automaton = build("kill yourself", "kill", "ill");

        assertThat(scan(automaton, "kill yourself")).containsExactly("kill@3", "ill@3", "kill yourself@12");
    }

    @Test
    void anEmptyListMatchesNothingAndAnEmptyPatternIsRefused() {
        assertThat(scan(build(), "anything")).isEmpty();
        assertThatThrownBy(() -> build("ok", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final List<String> patterns = new ArrayList<>();

    private static AhoCorasick build(String... words) {
        patterns.clear();
        patterns.addAll(List.of(words));
        return AhoCorasick.build(patterns.stream().map(String::toCharArray).toList());
    }

    private static List<String> scan(AhoCorasick automaton, String text) {
        List<String> found = new ArrayList<>();
        automaton.scan(text.toCharArray(), text.length(), (pattern, end) -> found.add(patterns.get(pattern) + "@" + end));
        return found;
    }
}
