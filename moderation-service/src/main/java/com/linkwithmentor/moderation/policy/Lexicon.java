package com.linkwithmentor.moderation.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.text.AhoCorasick;
import com.linkwithmentor.moderation.text.TextNormalizer;
import com.linkwithmentor.moderation.text.WordsView;

/**
 * The policy's word lists and allow-list, compiled into one automaton over the collapsed words
 * view. A term is written as a word or phrase, matched on word boundaries so innocent words that
 * contain it are left alone ("Scunthorpe", "assassin"); {@code word*} also matches words that start
 * with it, {@code *word*} anywhere; a plural suffix (s, es) is accepted after a whole word. Terms
 * go through the same normalizer as messages, so lists are written plainly and still match
 * disguised text. A finding that lies inside an allow-list match is dropped ("shiitake" is not
 * "shit*").
 */
public final class Lexicon {

    private record Term(String source, String key, int length, int[] runs, @Nullable Category category,
            Severity severity, boolean openStart, boolean openEnd) {
    }

    private final AhoCorasick automaton;

    private final int[][] termsOfPattern;

    private final Term[] terms;

    private final char[][] pluralSuffixes;

    private Lexicon(AhoCorasick automaton, int[][] termsOfPattern, Term[] terms, char[][] pluralSuffixes) {
        this.automaton = automaton;
        this.termsOfPattern = termsOfPattern;
        this.terms = terms;
        this.pluralSuffixes = pluralSuffixes;
    }

    /** Number of compiled terms, allow-list entries included. */
    public int size() {
        return terms.length;
    }

    public void find(WordsView words, List<Finding> out) {
        find(words, out, null);
    }

    /**
     * Adds the findings to {@code out} and, when {@code allowed} is given, the original-text spans
     * ({@code [start, end)}) of the allow-list matches, so later stages can respect them too.
     */
    public void find(WordsView words, List<Finding> out, @Nullable List<int[]> allowed) {
        List<int[]> hits = new ArrayList<>(4);
        automaton.scan(words.collapsed(), words.length(), (pattern, end) -> {
            for (int index : termsOfPattern[pattern]) {
                Term term = terms[index];
                int start = end - term.length + 1;
                if (!term.openStart && !words.boundaryBefore(start)) {
                    continue;
                }
                if (!runsCover(words, start, term.runs)) {
                    continue;
                }
                int last = end;
                if (!term.openEnd && !words.boundaryAfter(end)) {
                    last = pluralEnd(words, end + 1);
                    if (last < 0) {
                        continue;
                    }
                }
                hits.add(new int[] { index, start, last });
            }
        });
        for (int[] hit : hits) {
            Term term = terms[hit[0]];
            if (term.category == null && allowed != null) {
                allowed.add(new int[] { words.originalStart(hit[1]), words.originalEnd(hit[2]) });
            }
            if (term.category == null || allowed(hits, hit[1], hit[2])) {
                continue;
            }
            out.add(new Finding(term.category, term.severity, words.originalStart(hit[1]), words.originalEnd(hit[2]),
                    "term:" + term.source, Stage.LEXICON));
        }
    }

    private boolean allowed(List<int[]> hits, int start, int end) {
        for (int[] hit : hits) {
            if (terms[hit[0]].category == null && hit[1] <= start && end <= hit[2]) {
                return true;
            }
        }
        return false;
    }

    /** A stretched word still matches ("fuuuck"), a shorter one does not ("bobs" is not "boobs"). */
    private static boolean runsCover(WordsView words, int start, int[] runs) {
        for (int k = 0; k < runs.length; k++) {
            if (words.runAt(start + k) < runs[k]) {
                return false;
            }
        }
        return true;
    }

    /** Where a plural ending right after a whole-word term ends, or -1; "asses" yes, "assess" no. */
    private int pluralEnd(WordsView words, int from) {
        for (char[] suffix : pluralSuffixes) {
            int last = from + suffix.length - 1;
            if (last >= words.length()) {
                continue;
            }
            boolean same = true;
            for (int k = 0; k < suffix.length && same; k++) {
                same = words.charAt(from + k) == suffix[k] && words.runAt(from + k) == 1;
            }
            if (same && words.boundaryAfter(last)) {
                return last;
            }
        }
        return -1;
    }

    static Builder builder(TextNormalizer normalizer, List<String> pluralSuffixes) {
        return new Builder(normalizer, pluralSuffixes);
    }

    /** Collects terms, rejecting any that normalizes to nothing, then compiles them once. */
    static final class Builder {

        private final TextNormalizer normalizer;

        private final List<String> pluralSuffixes;

        private final Map<String, Term> terms = new LinkedHashMap<>();

        private Builder(TextNormalizer normalizer, List<String> pluralSuffixes) {
            this.normalizer = normalizer;
            this.pluralSuffixes = pluralSuffixes;
        }

        /** Adds a term of a category, or an allow-list entry when the category is null. */
        Builder add(String source, @Nullable Category category, Severity severity, String origin) {
            String text = source.strip();
            boolean openStart = text.startsWith("*");
            boolean openEnd = text.endsWith("*") && text.length() > 1;
            String core = text.substring(openStart ? 1 : 0, text.length() - (openEnd ? 1 : 0));
            WordsView words = normalizer.words(core);
            if (words.length() == 0) {
                throw new PolicyException(origin + ": the term '" + source + "' normalizes to nothing");
            }
            String key = new String(words.collapsed(), 0, words.length());
            int[] runs = new int[words.length()];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = words.runAt(i);
            }
            // The same compiled term listed twice (or in two spellings) keeps its highest severity.
            String identity = key + '|' + Arrays.toString(runs) + '|' + category + '|' + openStart + '|' + openEnd;
            Term known = terms.get(identity);
            if (known == null || known.severity.compareTo(severity) < 0) {
                terms.put(identity, new Term(text, key, runs.length, runs, category, severity, openStart, openEnd));
            }
            return this;
        }

        Lexicon build() {
            List<Term> list = new ArrayList<>(terms.values());
            Map<String, List<Integer>> byKey = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                byKey.computeIfAbsent(list.get(i).key, k -> new ArrayList<>()).add(i);
            }
            List<char[]> patterns = byKey.keySet().stream().map(String::toCharArray).toList();
            int[][] termsOfPattern = byKey.values().stream()
                .map(indexes -> indexes.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
            char[][] suffixes = pluralSuffixes.stream()
                .map(suffix -> {
                    WordsView words = normalizer.words(suffix);
                    return Arrays.copyOf(words.collapsed(), words.length());
                })
                .filter(suffix -> suffix.length > 0)
                .toArray(char[][]::new);
            return new Lexicon(AhoCorasick.build(patterns), termsOfPattern, list.toArray(Term[]::new), suffixes);
        }
    }
}
