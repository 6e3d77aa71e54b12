package com.linkwithmentor.moderation.text;

/**
 * A message as the word lists see it: only words, single spaces between them, leetspeak decoded,
 * punctuation inside words dropped, spaced-out letters joined, and every run of one repeated
 * character collapsed to a single character that remembers how often it occurred. Matching runs
 * on the collapsed characters (so "fuuuck" and "fuck" look alike) and then checks the run lengths
 * against the term (so "boobs" is not found in "bobs").
 */
public final class WordsView {

    private final char[] chars;

    private final int[] runs;

    private final int[] starts;

    private final int[] ends;

    private final int length;

    WordsView(char[] chars, int[] runs, int[] starts, int[] ends, int length) {
        this.chars = chars;
        this.runs = runs;
        this.starts = starts;
        this.ends = ends;
        this.length = length;
    }

    public int length() {
        return length;
    }

    public char charAt(int index) {
        return chars[index];
    }

    /** How many times the character at {@code index} occurred in a row before collapsing. */
    public int runAt(int index) {
        return runs[index];
    }

    public int originalStart(int index) {
        return starts[index];
    }

    public int originalEnd(int index) {
        return ends[index];
    }

    /** Whether a word ends right before {@code index} (start of text or a space). */
    public boolean boundaryBefore(int index) {
        return index <= 0 || chars[index - 1] == ' ';
    }

    /** Whether a word ends right after {@code index} (end of text or a space). */
    public boolean boundaryAfter(int index) {
        return index >= length - 1 || chars[index + 1] == ' ';
    }

    /** The collapsed characters; the array may be longer than {@link #length()}. */
    public char[] collapsed() {
        return chars;
    }

    /** The words with their repeated characters restored, as a person would read them. */
    public String expanded() {
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            for (int r = 0; r < runs[i]; r++) {
                out.append(chars[i]);
            }
        }
        return out.toString();
    }

    /**
     * A 64-bit FNV-1a hash of the collapsed words: the same for two messages that differ only in
     * case, spacing, punctuation, look-alikes or stretched letters, so repeats are recognised.
     */
    public long fingerprint() {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            hash ^= chars[i];
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
