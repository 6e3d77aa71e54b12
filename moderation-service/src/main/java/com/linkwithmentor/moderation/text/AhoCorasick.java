package com.linkwithmentor.moderation.text;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-pattern matcher (Aho-Corasick) compiled to a full transition table: one array lookup
 * per input character whatever the number of patterns, so a 1 KB message costs the same with ten
 * terms as with ten thousand. Characters that occur in no pattern all share one symbol and send
 * the automaton back to its root.
 */
public final class AhoCorasick {

    private final char[] symbolOf;

    private final int symbols;

    private final int[] delta;

    private final int[][] outputs;

    private final int[] lengths;

    private AhoCorasick(char[] symbolOf, int symbols, int[] delta, int[][] outputs, int[] lengths) {
        this.symbolOf = symbolOf;
        this.symbols = symbols;
        this.delta = delta;
        this.outputs = outputs;
        this.lengths = lengths;
    }

    /** Receives each occurrence: the pattern's index in the build list and the index of its last character. */
    @FunctionalInterface
    public interface Sink {

        void match(int pattern, int endInclusive);
    }

    /** Compiles the patterns (none may be empty); pattern indexes are their positions in the list. */
    public static AhoCorasick build(List<char[]> patterns) {
        char[] symbolOf = new char[Character.MAX_VALUE + 1];
        int symbols = 1; // symbol 0: any character no pattern uses
        int maxNodes = 1;
        for (char[] pattern : patterns) {
            if (pattern.length == 0) {
                throw new IllegalArgumentException("Empty pattern");
            }
            maxNodes += pattern.length;
            for (char c : pattern) {
                if (symbolOf[c] == 0) {
                    if (symbols == Character.MAX_VALUE) {
                        throw new IllegalArgumentException("Too many distinct characters in the patterns");
                    }
                    symbolOf[c] = (char) symbols++;
                }
            }
        }
        int[] go = new int[maxNodes * symbols];
        Arrays.fill(go, -1);
        int[][] own = new int[maxNodes][];
        int nodes = 1;
        for (int p = 0; p < patterns.size(); p++) {
            int state = 0;
            for (char c : patterns.get(p)) {
                int slot = state * symbols + symbolOf[c];
                if (go[slot] < 0) {
                    go[slot] = nodes++;
                }
                state = go[slot];
            }
            own[state] = append(own[state], p);
        }

        int[] fail = new int[nodes];
        int[][] outputs = new int[nodes][];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        outputs[0] = own[0];
        for (int s = 0; s < symbols; s++) {
            int child = go[s];
            if (child < 0) {
                go[s] = 0;
            }
            else {
                fail[child] = 0;
                outputs[child] = own[child];
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int s = 0; s < symbols; s++) {
                int slot = node * symbols + s;
                int child = go[slot];
                int viaFailure = go[fail[node] * symbols + s];
                if (child < 0) {
                    go[slot] = viaFailure;
                }
                else {
                    fail[child] = viaFailure;
                    outputs[child] = merge(own[child], outputs[viaFailure]);
                    queue.add(child);
                }
            }
        }
        int[] lengths = patterns.stream().mapToInt(pattern -> pattern.length).toArray();
        return new AhoCorasick(symbolOf, symbols, Arrays.copyOf(go, nodes * symbols), outputs, lengths);
    }

    public void scan(char[] text, int length, Sink sink) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            state = delta[state * symbols + symbolOf[text[i]]];
            int[] found = outputs[state];
            if (found != null) {
                for (int pattern : found) {
                    sink.match(pattern, i);
                }
            }
        }
    }

    public int patternLength(int pattern) {
        return lengths[pattern];
    }

    public int patternCount() {
        return lengths.length;
    }

    private static int[] append(int[] values, int value) {
        if (values == null) {
            return new int[] { value };
        }
        int[] grown = Arrays.copyOf(values, values.length + 1);
        grown[values.length] = value;
        return grown;
    }

    private static int[] merge(int[] first, int[] second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        int[] merged = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, merged, first.length, second.length);
        return merged;
    }
}
