package com.linkwithmentor.moderation.text;

import org.jspecify.annotations.Nullable;

/**
 * A message after per-character folding (compatibility forms, case, accents, look-alikes,
 * invisible characters), still with its punctuation and digits, which is what the structured
 * patterns (phone numbers, UPI ids, links) read. Every folded character remembers the span of the
 * original text it came from, so a match here is reported in the caller's own offsets.
 */
public final class FoldedText {

    private final String original;

    private final char[] chars;

    private final int[] starts;

    private final int[] ends;

    private final int length;

    private @Nullable String asString;

    FoldedText(String original, char[] chars, int[] starts, int[] ends, int length) {
        this.original = original;
        this.chars = chars;
        this.starts = starts;
        this.ends = ends;
        this.length = length;
    }

    public String original() {
        return original;
    }

    public int length() {
        return length;
    }

    public char charAt(int index) {
        return chars[index];
    }

    /** Where the folded character at {@code index} starts in the original (UTF-16 index). */
    public int originalStart(int index) {
        return starts[index];
    }

    /** Where the folded character at {@code index} ends in the original (UTF-16 index, exclusive). */
    public int originalEnd(int index) {
        return ends[index];
    }

    /** The folded text, for regular expressions; indexes into it are folded indexes. */
    @Override
    public String toString() {
        if (asString == null) {
            asString = new String(chars, 0, length);
        }
        return asString;
    }

    /** The folded characters; shared, not a copy, and longer than {@link #length()}: read only. */
    public char[] chars() {
        return chars;
    }

    int[] starts() {
        return starts;
    }

    int[] ends() {
        return ends;
    }
}
