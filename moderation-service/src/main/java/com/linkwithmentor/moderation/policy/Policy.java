package com.linkwithmentor.moderation.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.text.FoldedText;
import com.linkwithmentor.moderation.text.TextNormalizer;

/**
 * One loaded, compiled and immutable version of the moderation policy: how text is normalized,
 * what is looked for, what each category at each severity leads to, and how behaviour and strikes
 * turn into sanctions. {@code version} is the declared version plus a digest of every file read,
 * so two different policies never share a version even if someone forgot to bump it.
 */
public record Policy(String version, String source, Instant loadedAt, TextNormalizer normalizer, Lexicon lexicon,
        List<PatternRule> patterns, PhraseRules phraseRules, ClassifierStage classifier, HashList hashes,
        SpelledNumbers spelledNumbers, RepeatedWords repeatedWords,
        List<Escalation> escalations, Map<Category, Map<Severity, Decision>> actions,
        Map<Category, Map<Severity, Integer>> strikes, Behaviour behaviour, Ladder ladder, Review review,
        PatternTriggers patternTriggers) {

    /** Runs the pattern rules that can match the text (see {@link PatternTriggers}). */
    public void findPatterns(FoldedText text, List<Finding> out) {
        boolean[] active = patternTriggers.active(text);
        for (int r = 0; r < active.length; r++) {
            if (active[r]) {
                patterns.get(r).find(text, out);
            }
        }
    }

    public Decision decisionFor(Category category, Severity severity) {
        if (severity == Severity.NONE) {
            return Decision.ALLOW;
        }
        return actions.get(category).get(severity);
    }

    public int strikesFor(Category category, Severity severity) {
        if (severity == Severity.NONE) {
            return 0;
        }
        return strikes.get(category).get(severity);
    }

    /** Review-queue priority: more severe first, and some categories (self-harm) ahead of all. */
    public int priorityFor(Category category, Severity severity) {
        return review.severityPriority().getOrDefault(severity, 0) + review.categoryBonus().getOrDefault(category, 0);
    }

    /** Phone numbers written in words ("nine eight seven ..."), as digits or number words in a row. */
    public record SpelledNumbers(Map<String, Character> words, int minDigits, int maxDigits, Category category,
            Severity severity) {
    }

    /** The same word over and over ("buy buy buy buy buy buy"). */
    public record RepeatedWords(int minRun, Category category, Severity severity) {
    }

    /** Limits on what a user does over time, tracked in Redis. */
    public record Behaviour(MessageRate messageRate, RepeatedContent repeatedContent, ReportsReceived reportsReceived) {
    }

    /** More than {@code maxMessages} chat messages in {@code window}: the excess is spam, and the user is muted. */
    public record MessageRate(int maxMessages, Duration window, Duration muteFor, Severity severity) {
    }

    /** The same message (after normalization) more than {@code maxRepeats} times in {@code window}. */
    public record RepeatedContent(int maxRepeats, Duration window, int minLength, Severity severity) {
    }

    /** This many distinct reporters in {@code window} put the user in the review queue. */
    public record ReportsReceived(int distinctReporters, Duration window, Severity severity) {
    }

    /** Strikes count for {@code window}; crossing a step's count applies its sanction. */
    public record Ladder(Duration window, List<Step> steps) {

        /** The most severe step crossed when a user's strikes go from {@code before} to {@code after}. */
        public @Nullable Step crossed(int before, int after) {
            Step crossed = null;
            for (Step step : steps) {
                if (before < step.strikes() && step.strikes() <= after) {
                    crossed = step;
                }
            }
            return crossed;
        }
    }

    /** {@code action} is warn, mute (for {@code duration}) or suspend. */
    public record Step(int strikes, Sanction action, @Nullable Duration duration) {
    }

    public enum Sanction {
        WARN, MUTE, SUSPEND
    }

    public record Review(Map<Severity, Integer> severityPriority, Map<Category, Integer> categoryBonus,
            Set<Decision> queued) {
    }
}
