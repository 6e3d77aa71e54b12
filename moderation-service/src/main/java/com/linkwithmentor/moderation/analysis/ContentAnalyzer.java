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
import com.linkwithmentor.moderation.policy.Stage;
import com.linkwithmentor.moderation.text.FoldedText;
import com.linkwithmentor.moderation.text.WordsView;

/**
 * Turns text into a {@link Verdict} under a policy, in memory and without I/O, so it can sit in
 * the path of every chat message. The first stage: fold and normalize once, one automaton pass for
 * all word lists, the structured patterns that can match (another pass finds which), two small
 * detectors and the phrase rules. The second stage: the trained classifier, for what the first
 * missed; its finding counts only where the first stage found nothing as severe in that category,
 * so every match names the stage that decided it. Then the policy's escalations and its category →
 * severity → action table. Behaviour findings (rate, repeats), which need Redis, are passed in by
 * the caller.
 */
@Component
public class ContentAnalyzer {

    /** The findings in a text, before the policy decides; reusable with extra behaviour findings. */
    public record Scan(Policy policy, List<Finding> findings, WordsView words) {
    }

    public Scan scan(Policy policy, String text) {
        return scan(policy, text, true);
    }

    /** {@code secondStage} false: the first stage alone (for evaluating the stages apart). */
    public Scan scan(Policy policy, String text, boolean secondStage) {
        FoldedText folded = policy.normalizer().fold(text);
        WordsView words = policy.normalizer().words(folded);
        List<Finding> findings = new ArrayList<>();
        List<int[]> allowed = new ArrayList<>(0);
        policy.lexicon().find(words, findings, allowed);
        policy.findPatterns(folded, findings);
        findSpelledNumbers(policy.spelledNumbers(), words, findings);
        findRepeatedWords(policy.repeatedWords(), words, findings);
        policy.phraseRules().find(words, findings);
        if (secondStage && policy.classifier().enabled()) {
            List<Finding> learned = new ArrayList<>(2);
            policy.classifier().find(words, learned);
            for (Finding finding : learned) {
                // What the allow-list says is fine stays fine, whichever stage would object.
                if (!coveredByFirstStage(findings, finding) && !insideAllowed(allowed, finding)) {
                    findings.add(finding);
                }
            }
        }
        return new Scan(policy, findings, words);
    }

    private static boolean insideAllowed(List<int[]> allowed, Finding finding) {
        for (int[] span : allowed) {
            if (span[0] <= finding.start() && finding.end() <= span[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean coveredByFirstStage(List<Finding> firstStage, Finding learned) {
        for (Finding finding : firstStage) {
            if (finding.category() == learned.category() && finding.severity().compareTo(learned.severity()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Behaviour finding for sending too fast: answered by a mute, so it never adds strikes. */
    public static final String MESSAGE_RATE = "message_rate";

    /** Behaviour finding for sending the same text again and again. */
    public static final String REPEATED_CONTENT = "repeated_content";

    /**
     * What the policy makes of a set of findings, judged once: the decision, the highest severity,
     * the reported categories (those whose findings lead to more than allow), the strikes (what
     * the content itself deserves: a message-rate finding is answered by the mute and adds none)
     * and the review priority.
     */
    public record Judged(Decision decision, Severity severity, List<Category> categories, int strikes, int priority) {
    }

    public Judged decide(Policy policy, List<Finding> all) {
        Map<Category, Severity> severities = severities(policy, all, false);
        Map<Category, Severity> striking = all.stream().anyMatch(finding -> finding.rule().equals(MESSAGE_RATE))
                ? severities(policy, all, true) : severities;
        Decision decision = Decision.ALLOW;
        Severity severity = Severity.NONE;
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
            priority = Math.max(priority, policy.priorityFor(entry.getKey(), entry.getValue()));
        }
        int strikes = 0;
        for (Map.Entry<Category, Severity> entry : striking.entrySet()) {
            if (policy.decisionFor(entry.getKey(), entry.getValue()) != Decision.ALLOW) {
                strikes = Math.max(strikes, policy.strikesFor(entry.getKey(), entry.getValue()));
            }
        }
        return new Judged(decision, severity, List.copyOf(reported), strikes, priority);
    }

    /** Severity per category after the policy's escalations; optionally without the message-rate finding. */
    private static Map<Category, Severity> severities(Policy policy, List<Finding> all, boolean withoutRate) {
        Map<Category, Severity> severities = new EnumMap<>(Category.class);
        Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
        Map<String, Integer> perRule = new HashMap<>();
        for (Finding finding : all) {
            if (withoutRate && finding.rule().equals(MESSAGE_RATE)) {
                continue;
            }
            severities.merge(finding.category(), finding.severity(), Severity::atLeast);
            perCategory.merge(finding.category(), 1, Integer::sum);
            perRule.merge(finding.rule(), 1, Integer::sum);
        }
        for (Escalation escalation : policy.escalations()) {
            if (fires(escalation, severities, perCategory, perRule)) {
                severities.merge(escalation.raise(), escalation.to(), Severity::atLeast);
            }
        }
        return severities;
    }

    public Verdict judge(Scan scan, List<Finding> behaviour, boolean includeNormalized) {
        Policy policy = scan.policy();
        List<Finding> all = behaviour.isEmpty() ? scan.findings() : concat(scan.findings(), behaviour);
        Judged judged = decide(policy, all);
        return new Verdict(judged.decision(), judged.severity(), judged.categories(),
                located(all, judged.categories()), judged.strikes(), judged.priority(), policy.version(),
                scan.words().fingerprint(), scan.words().length(),
                includeNormalized ? scan.words().expanded() : null);
    }

    /** The located findings in the reported categories, one per stretch of text and category, by start. */
    public static List<Finding> located(List<Finding> all, List<Category> reported) {
        return merge(all.stream()
            .filter(finding -> finding.located() && reported.contains(finding.category()))
            .sorted(Comparator.comparing(Finding::category).thenComparingInt(Finding::start))
            .toList());
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
                        words.originalEnd(runEnd), "spelled_number", Stage.DETECTOR));
            }
            runStart = -1;
        }
        if (runStart >= 0 && spelled && digits >= rule.minDigits() && digits <= rule.maxDigits()) {
            out.add(new Finding(rule.category(), rule.severity(), words.originalStart(runStart),
                    words.originalEnd(runEnd), "spelled_number", Stage.DETECTOR));
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
                            words.originalEnd(previous[1] - 1), "repeated_words", Stage.DETECTOR));
                }
                run = 1;
                first = span;
            }
            previous = span;
        }
        if (run >= rule.minRun()) {
            out.add(new Finding(rule.category(), rule.severity(), words.originalStart(first[0]),
                    words.originalEnd(previous[1] - 1), "repeated_words", Stage.DETECTOR));
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
                    // The merged span is credited to the stage of its most severe part.
                    Finding decisive = finding.severity().compareTo(open.severity()) > 0 ? finding : open;
                    open = new Finding(open.category(), open.severity().atLeast(finding.severity()), open.start(),
                            Math.max(open.end(), finding.end()), decisive.rule(), decisive.stage());
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
