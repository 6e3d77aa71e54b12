package com.linkwithmentor.moderation.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.linkwithmentor.moderation.text.TextNormalizer;
import com.linkwithmentor.moderation.text.WordsView;

/**
 * Phrase rules (rules.yaml): what a word list cannot say without listing every combination, as
 * data. A rule is built from word classes ("@group": muslims, women, biharis...; "@vermin": rats,
 * cockroaches, keede...) and literal alternatives ("send|transfer|bhejo"), and is either
 * <ul>
 * <li>a {@code sequence}: the steps in order, at most {@code max_gap} other words between two
 * steps ("@group are nothing but @vermin"), or</li>
 * <li>{@code near}: all steps in any order within {@code within} words ("outside the app" and a
 * payment word);</li>
 * </ul>
 * and may name {@code unless} classes that cancel it when one occurs up to {@code unless_within}
 * words before or after the match, or inside it ("please <em>don't</em> pay outside the app" is advice, not
 * solicitation). Entries are words or phrases of words, {@code word*} matching words that start
 * with it; they go through the policy's normalizer, so they match disguised text as the word
 * lists do. Matching works on whole words of the words view, one hash lookup per word.
 */
public final class PhraseRules {

    /** One entry of a class: its words (normalized), the last one a prefix when {@code prefix}. */
    private record Entry(String[] words, boolean prefix, int classId) {
    }

    private record Rule(String name, Category category, Severity severity, int[] steps, boolean ordered, int gap,
            int within, int[] unless, int unlessWithin) {
    }

    /** The built-in class "@number": any word that starts with a digit. */
    private static final int NUMBER = 0;

    private final Map<String, List<Entry>> byFirstWord;

    private final Map<String, List<Entry>> prefixesByStart;

    private final List<Rule> rules;

    private final int classes;

    private final int minPrefix;

    private PhraseRules(Map<String, List<Entry>> byFirstWord, Map<String, List<Entry>> prefixesByStart, List<Rule> rules,
            int classes, int minPrefix) {
        this.byFirstWord = byFirstWord;
        this.prefixesByStart = prefixesByStart;
        this.rules = rules;
        this.classes = classes;
        this.minPrefix = minPrefix;
    }

    public int size() {
        return rules.size();
    }

    /** Where each class occurs in one text: word spans, first and last word index (inclusive). */
    private static final class Occurrences {

        final List<List<int[]>> byClass;

        Occurrences(int classes) {
            byClass = new ArrayList<>(classes);
            for (int c = 0; c < classes; c++) {
                byClass.add(null);
            }
        }

        void add(int classId, int first, int last) {
            List<int[]> spans = byClass.get(classId);
            if (spans == null) {
                spans = new ArrayList<>(2);
                byClass.set(classId, spans);
            }
            spans.add(new int[] { first, last });
        }

        List<int[]> of(int classId) {
            List<int[]> spans = byClass.get(classId);
            return spans != null ? spans : List.of();
        }
    }

    public void find(WordsView view, List<Finding> out) {
        if (rules.isEmpty()) {
            return;
        }
        // Words of the view: their text (collapsed) and where they lie.
        List<String> words = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        int n = view.length();
        char[] chars = view.collapsed();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && chars[i] != ' ') {
                i++;
            }
            if (i > start) {
                words.add(new String(chars, start, i - start));
                spans.add(new int[] { start, i - 1 });
            }
            i++;
        }
        Occurrences found = null;
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            if (Character.isDigit(word.charAt(0))) {
                found = found != null ? found : new Occurrences(classes);
                found.add(NUMBER, w, w);
            }
            List<Entry> entries = byFirstWord.get(word);
            if (entries != null) {
                for (Entry entry : entries) {
                    int last = matchFrom(entry, words, w);
                    if (last >= 0) {
                        found = found != null ? found : new Occurrences(classes);
                        found.add(entry.classId(), w, last);
                    }
                }
            }
            if (word.length() >= minPrefix) {
                List<Entry> prefixed = prefixesByStart.get(word.substring(0, minPrefix));
                if (prefixed != null) {
                    for (Entry entry : prefixed) {
                        int last = matchFrom(entry, words, w);
                        if (last >= 0) {
                            found = found != null ? found : new Occurrences(classes);
                            found.add(entry.classId(), w, last);
                        }
                    }
                }
            }
        }
        if (found == null) {
            return;
        }
        for (Rule rule : rules) {
            int[] match = rule.ordered() ? sequence(rule, found) : near(rule, found);
            if (match != null) {
                out.add(new Finding(rule.category(), rule.severity(), view.originalStart(spans.get(match[0])[0]),
                        view.originalEnd(spans.get(match[1])[1]), "rule:" + rule.name(), Stage.RULE));
            }
        }
    }

    /** The index of the last word of the entry when it starts at word {@code w}, or -1. */
    private static int matchFrom(Entry entry, List<String> words, int w) {
        String[] parts = entry.words();
        if (w + parts.length > words.size()) {
            return -1;
        }
        for (int k = 0; k < parts.length; k++) {
            String word = words.get(w + k);
            boolean last = k == parts.length - 1;
            if (last && entry.prefix() ? !word.startsWith(parts[k]) : !word.equals(parts[k])) {
                return -1;
            }
        }
        return w + parts.length - 1;
    }

    private static int[] sequence(Rule rule, Occurrences found) {
        for (int[] first : found.of(rule.steps()[0])) {
            int[] match = continueSequence(rule, found, 1, first[0], first[1]);
            if (match != null && !cancelled(rule, found, match)) {
                return match;
            }
        }
        return null;
    }

    private static int[] continueSequence(Rule rule, Occurrences found, int step, int start, int end) {
        if (step == rule.steps().length) {
            return new int[] { start, end };
        }
        for (int[] next : found.of(rule.steps()[step])) {
            if (next[0] > end && next[0] - end - 1 <= rule.gap()) {
                int[] match = continueSequence(rule, found, step + 1, start, next[1]);
                if (match != null) {
                    return match;
                }
            }
        }
        return null;
    }

    private static int[] near(Rule rule, Occurrences found) {
        for (int[] anchor : found.of(rule.steps()[0])) {
            int start = anchor[0];
            int end = anchor[1];
            boolean all = true;
            for (int s = 1; s < rule.steps().length && all; s++) {
                int[] best = null;
                int bestSpan = Integer.MAX_VALUE;
                for (int[] other : found.of(rule.steps()[s])) {
                    int span = Math.max(end, other[1]) - Math.min(start, other[0]) + 1;
                    if (span < bestSpan) {
                        bestSpan = span;
                        best = other;
                    }
                }
                if (best == null || bestSpan > rule.within()) {
                    all = false;
                }
                else {
                    start = Math.min(start, best[0]);
                    end = Math.max(end, best[1]);
                }
            }
            int[] match = { start, end };
            if (all && !cancelled(rule, found, match)) {
                return match;
            }
        }
        return null;
    }

    private static boolean cancelled(Rule rule, Occurrences found, int[] match) {
        for (int classId : rule.unless()) {
            for (int[] span : found.of(classId)) {
                if (span[1] >= match[0] - rule.unlessWithin() && span[0] <= match[1] + rule.unlessWithin()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Compiles rules.yaml; {@code file} names it in errors. A step is "@class" or literal
     * alternatives separated by '|'.
     */
    static PhraseRules compile(String file, PolicyDocument.Rules document, TextNormalizer normalizer) {
        Map<String, Integer> classIds = new LinkedHashMap<>();
        classIds.put("number", NUMBER);
        Map<String, List<Entry>> byFirstWord = new HashMap<>();
        Map<String, List<Entry>> prefixes = new HashMap<>();
        int minPrefix = 3;
        List<Entry> allEntries = new ArrayList<>();
        document.classes().forEach((name, entries) -> {
            if (classIds.containsKey(name)) {
                throw new PolicyException(PolicyYaml.prefix(file, "classes." + name) + "'" + name + "' is built in");
            }
            int id = classIds.size();
            classIds.put(name, id);
            for (int k = 0; k < entries.size(); k++) {
                allEntries.add(entry(file, "classes." + name + "[" + k + "]", entries.get(k), id, normalizer, minPrefix));
            }
        });
        List<Rule> rules = new ArrayList<>();
        List<PolicyDocument.RuleEntry> entries = document.rules();
        for (int r = 0; r < entries.size(); r++) {
            PolicyDocument.RuleEntry entry = entries.get(r);
            String path = "rules[" + r + "]";
            boolean ordered = entry.sequence() != null;
            List<String> stepsText = ordered ? entry.sequence() : entry.near();
            int[] steps = new int[stepsText.size()];
            for (int s = 0; s < steps.length; s++) {
                steps[s] = step(file, path + "." + (ordered ? "sequence" : "near") + "[" + s + "]", stepsText.get(s),
                        classIds, allEntries, normalizer, minPrefix);
            }
            List<String> unlessText = entry.unless() != null ? entry.unless() : List.of();
            int[] unless = new int[unlessText.size()];
            for (int u = 0; u < unless.length; u++) {
                unless[u] = step(file, path + ".unless[" + u + "]", unlessText.get(u), classIds, allEntries, normalizer,
                        minPrefix);
            }
            rules.add(new Rule(entry.name(), entry.category(), entry.severity(), steps, ordered,
                    entry.maxGap() != null ? entry.maxGap() : 2, entry.within() != null ? entry.within() : 8, unless,
                    entry.unlessWithin() != null ? entry.unlessWithin() : 3));
        }
        for (Entry entry : allEntries) {
            if (entry.prefix() && entry.words().length == 1) {
                prefixes.computeIfAbsent(entry.words()[0].substring(0, minPrefix), k -> new ArrayList<>()).add(entry);
            }
            else {
                byFirstWord.computeIfAbsent(entry.words()[0], k -> new ArrayList<>()).add(entry);
            }
        }
        return new PhraseRules(byFirstWord, prefixes, List.copyOf(rules), classIds.size(), minPrefix);
    }

    private static int step(String file, String path, String text, Map<String, Integer> classIds, List<Entry> entries,
            TextNormalizer normalizer, int minPrefix) {
        if (text.startsWith("@")) {
            Integer id = classIds.get(text.substring(1));
            if (id == null) {
                throw new PolicyException(PolicyYaml.prefix(file, path) + "unknown class '" + text + "'; classes are "
                        + classIds.keySet());
            }
            return id;
        }
        // Literal alternatives become a class of their own.
        int id = classIds.size();
        classIds.put("'" + text + "'#" + id, id);
        String[] alternatives = text.split("\\|", -1);
        for (String alternative : alternatives) {
            entries.add(entry(file, path, alternative, id, normalizer, minPrefix));
        }
        return id;
    }

    private static Entry entry(String file, String path, String text, int classId, TextNormalizer normalizer,
            int minPrefix) {
        String stripped = text.strip();
        boolean prefix = stripped.endsWith("*");
        String core = prefix ? stripped.substring(0, stripped.length() - 1) : stripped;
        WordsView words = normalizer.words(core);
        if (words.length() == 0) {
            throw new PolicyException(PolicyYaml.prefix(file, path) + "'" + text + "' normalizes to nothing");
        }
        String[] parts = new String(words.collapsed(), 0, words.length()).split(" ");
        if (prefix && parts[parts.length - 1].length() < minPrefix) {
            throw new PolicyException(PolicyYaml.prefix(file, path) + "'" + text + "': a prefix needs at least "
                    + minPrefix + " letters");
        }
        if (prefix && parts.length > 1) {
            throw new PolicyException(PolicyYaml.prefix(file, path) + "'" + text + "': only a single word can be a prefix");
        }
        return new Entry(Arrays.copyOf(parts, parts.length), prefix, classId);
    }
}
