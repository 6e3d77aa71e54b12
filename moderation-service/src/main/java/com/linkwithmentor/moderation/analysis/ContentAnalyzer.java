package com.linkwithmentor.moderation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Decision;
import com.linkwithmentor.moderation.policy.Escalation;
import com.linkwithmentor.moderation.policy.Finding;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.Severity;
import com.linkwithmentor.moderation.text.FoldedText;
import com.linkwithmentor.moderation.text.WordsView;

/**
 * Turns text into a {@link Verdict} under a policy, in memory and without I/O, so it can sit in
 * the path of every chat message: fold and normalize once, one automaton pass for all word lists,
 * the structured patterns that can match (another pass finds which), two small detectors, then
 * the policy's escalations and its category → severity → action table. Behaviour findings (rate,
 * repeats), which need Redis, are passed in by the caller.
 */
@Component
public class ContentAnalyzer {

    /** The findings in a text, before the policy decides; reusable with extra behaviour findings. */
    public record Scan(Policy policy, List<Finding> findings, WordsView words) {
    }

    public Scan scan(Policy policy, String text) {
        FoldedText folded = policy.normalizer().fold(text);
        WordsView words = policy.normalizer().words(folded);
        List<Finding> findings = new ArrayList<>();
        policy.lexicon().find(words, findings);
        policy.findPatterns(folded, findings);
        findSpelledNumbers(policy.spelledNumbers(), words, findings);
        findRepeatedWords(policy.repeatedWords(), words, findings);
        return new Scan(policy, findings, words);
    }

    public Verdict judge(Scan scan, List<Finding> behaviour, boolean includeNormalized) {
        Policy policy = scan.policy();
        List<Finding> all = behaviour.isEmpty() ? scan.findings() : concat(scan.findings(), behaviour);
        Map<Category, Severity> severities = new EnumMap<>(Category.class);
        Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
        Map<String, Integer> perRule = new HashMap<>();
        for (Finding finding : all) {
            severities.merge(finding.category(), finding.severity(), Severity::atLeast);
            perCategory.merge(finding.category(), 1, Integer::sum);
            perRule.merge(finding.rule(), 1, Integer::sum);
        }
        for (Escalation escalation : policy.escalations()) {
            if (fires(escalation, severities, perCategory, perRule)) {
                severities.merge(escalation.raise(), escalation.to(), Severity::atLeast);
            }
        }

        Decision decision = Decision.ALLOW;
        Severity severity = Severity.NONE;
        int strikes = 0;
        int priority = 0;
        Set<Category> reported = new LinkedHashSet<>();
        for (Map.Entry<Category, Severity> entry : severities.entrySet()) {
            Decision action = policy.decisionFor(entry.getKey(), entry.getValue());
            if (action == Decision.ALLOW) {
                continue;
            }
            reported.add(entry.getKey());
            decision = decision.atLeast(action);
            severity = severity.atLeast(entry.getValue());
            strikes = Math.max(strikes, policy.strikesFor(entry.getKey(), entry.getValue()));
            priority = Math.max(priority, policy.priorityFor(entry.getKey(), entry.getValue()));
        }
        List<Finding> located = all.stream()
            .filter(finding -> finding.located() && reported.contains(finding.category()))
            .sorted(Comparator.comparing(Finding::category).thenComparingInt(Finding::start))
            .toList();
        return new Verdict(decision, severity, List.copyOf(reported), merge(located), strikes, priority,
                policy.version(), scan.words().fingerprint(), scan.words().length(),
                includeNormalized ? scan.words().expanded() : null);
    }

    /** Scan and judge without behaviour: what the text alone deserves. */
    public Verdict analyze(Policy policy, String text) {
        return judge(scan(policy, text), List.of(), false);
    }

    private static boolean fires(Escalation escalation, Map<Category, Severity> severities,
            Map<Category, Integer> perCategory, Map<String, Integer> perRule) {
        if (!escalation.whenAll().isEmpty()) {
            for (Map.Entry<Category, Severity> needed : escalation.whenAll().entrySet()) {
                Severity found = severities.get(needed.getKey());
                if (found == null || found.compareTo(needed.getValue()) < 0) {
                    return false;
                }
            }
            return true;
        }
        int count = escalation.countCategory() != null ? perCategory.getOrDefault(escalation.countCategory(), 0)
                : perRule.getOrDefault(escalation.countRule(), 0);
        return count >= escalation.atLeast();
    }

    /**
     * Phone numbers in words: a run of number words and digit groups ("nine 8 seven six...")
     * holding enough digits, at least one of them spelled (all-digit runs are the patterns' job).
     */
    private static void findSpelledNumbers(Policy.SpelledNumbers rule, WordsView words, List<Finding> out) {
        int runStart = -1;
        int runEnd = -1;
        int digits = 0;
        boolean spelled = false;
        StringBuilder word = new StringBuilder(12);
        for (int[] span : words(words)) {
            int start = span[0];
            int end = span[1];
            int wordDigits = 0;
            boolean isSpelled = false;
            if (Character.isDigit(words.charAt(start))) {
                for (int k = start; k < end && wordDigits >= 0; k++) {
                    wordDigits = Character.isDigit(words.charAt(k)) ? wordDigits + words.runAt(k) : -1;
                }
            }
            else if (end - start <= 8) {
                word.setLength(0);
                for (int k = start; k < end; k++) {
                    word.repeat(words.charAt(k), words.runAt(k));
                }
                if (rule.words().containsKey(word.toString())) {
                    wordDigits = 1;
                    isSpelled = true;
                }
            }
            if (wordDigits > 0) {
                if (runStart < 0) {
                    runStart = start;
                    digits = 0;
                    spelled = false;
                }
                runEnd = end - 1;
                digits += wordDigits;
                spelled |= isSpelled;
                continue;
            }
            if (runStart >= 0 && spelled && digits >= rule.minDigits() && digits <= rule.maxDigits()) {
                out.add(new Finding(rule.category(), rule.severity(), words.originalStart(runStart),
                        words.originalEnd(runEnd), "spelled_number"));
            }
            runStart = -1;
        }
        if (runStart >= 0 && spelled && digits >= rule.minDigits() && digits <= rule.maxDigits()) {
            out.add(new Finding(rule.category(), rule.severity(), words.originalStart(runStart),
                    words.originalEnd(runEnd), "spelled_number"));
        }
    }

    /** The same word (two letters or more) {@code minRun} times or more in a row. */
    private static void findRepeatedWords(Policy.RepeatedWords rule, WordsView words, List<Finding> out) {
        int[] previous = null;
        int[] first = null;
        int run = 0;
        for (int[] span : words(words)) {
            if (previous != null && sameWord(words, previous, span)) {
                run++;
            }
            else {
                if (run >= rule.minRun()) {
                    out.add(new Finding(rule.category(), rule.severity(), words.originalStart(first[0]),
                            words.originalEnd(previous[1] - 1), "repeated_words"));
                }
                run = 1;
                first = span;
            }
            previous = span;
        }
        if (run >= rule.minRun()) {
            out.add(new Finding(rule.category(), rule.severity(), words.originalStart(first[0]),
                    words.originalEnd(previous[1] - 1), "repeated_words"));
        }
    }

    private static boolean sameWord(WordsView words, int[] a, int[] b) {
        int length = a[1] - a[0];
        if (length != b[1] - b[0] || length < 2) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (words.charAt(a[0] + k) != words.charAt(b[0] + k)) {
                return false;
            }
        }
        return true;
    }

    /** The [start, end) spans of the words in a words view. */
    private static List<int[]> words(WordsView words) {
        List<int[]> spans = new ArrayList<>();
        int n = words.length();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && words.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                spans.add(new int[] { start, i });
            }
            i++;
        }
        return spans;
    }

    /**
     * One span per stretch of text and category: "I want to kill myself" and the "kill myself"
     * inside it are one match, which is what a caller masking the text needs. Input is sorted by
     * category, then start; output by start.
     */
    private static List<Finding> merge(List<Finding> sorted) {
        List<Finding> merged = new ArrayList<>(sorted.size());
        Finding open = null;
        for (Finding finding : sorted) {
            if (open != null && open.category() == finding.category() && finding.start() < open.end()) {
                if (finding.end() > open.end() || finding.severity().compareTo(open.severity()) > 0) {
                    open = new Finding(open.category(), open.severity().atLeast(finding.severity()), open.start(),
                            Math.max(open.end(), finding.end()), open.rule());
                }
                continue;
            }
            if (open != null) {
                merged.add(open);
            }
            open = finding;
        }
        if (open != null) {
            merged.add(open);
        }
        merged.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::category));
        return merged;
    }

    private static List<Finding> concat(List<Finding> first, List<Finding> second) {
        List<Finding> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
