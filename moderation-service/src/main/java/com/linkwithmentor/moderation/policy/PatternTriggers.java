package com.linkwithmentor.moderation.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.linkwithmentor.moderation.text.AhoCorasick;
import com.linkwithmentor.moderation.text.FoldedText;

/**
 * Decides which pattern rules can possibly match a text, in one pass: the digits are counted and
 * all rules' trigger literals are found by one automaton. Regular expressions cost tens of
 * microseconds each on a kilobyte; skipping the ones that cannot match is what keeps analysis
 * far below a millisecond.
 */
final class PatternTriggers {

    private final List<PatternRule> rules;

    private final AhoCorasick automaton;

    private final int[][] rulesOfTrigger;

    PatternTriggers(List<PatternRule> rules) {
        this.rules = rules;
        Map<String, List<Integer>> byTrigger = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String trigger : rules.get(r).triggers()) {
                byTrigger.computeIfAbsent(trigger, t -> new ArrayList<>()).add(r);
            }
        }
        this.automaton = AhoCorasick.build(byTrigger.keySet().stream().map(String::toCharArray).toList());
        this.rulesOfTrigger = byTrigger.values().stream()
            .map(indexes -> indexes.stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    }

    /** For each rule (by index), whether it has to run on this text. */
    boolean[] active(FoldedText text) {
        char[] chars = text.chars();
        int length = text.length();
        int digits = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        boolean[] triggered = new boolean[rules.size()];
        automaton.scan(chars, length, (trigger, end) -> {
            for (int rule : rulesOfTrigger[trigger]) {
                triggered[rule] = true;
            }
        });
        boolean[] active = new boolean[rules.size()];
        for (int r = 0; r < active.length; r++) {
            PatternRule rule = rules.get(r);
            active[r] = digits >= rule.minDigits() && (rule.triggers().isEmpty() || triggered[r]);
        }
        return active;
    }
}
