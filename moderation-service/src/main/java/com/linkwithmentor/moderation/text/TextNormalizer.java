package com.linkwithmentor.moderation.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sees through the ways people disguise words, in two steps that keep the way back to the
 * original text.
 *
 * <p>{@link #fold}: each code point on its own becomes its compatibility decomposition (NFKD, so
 * full-width, mathematical, circled and ligature forms become plain letters and digits), lower
 * case, without accents (combining marks after Latin, Greek or Cyrillic letters; other scripts keep
 * theirs), with look-alikes from the policy's confusables map replaced (Cyrillic "а", Greek "ο",
 * small capitals...), invisible characters (zero-width, joiners, BOM, soft hyphen, tags, variation
 * selectors) removed, any digit written as an ASCII digit, and emoji turned into spaces. The BMP
 * is precomputed into a table, so folding costs one lookup per character.
 *
 * <p>{@link #words}: chunks between spaces and hard punctuation become words; inside a chunk that
 * has a letter, leetspeak is decoded ("sh1t", "@ss") and joining punctuation dropped ("f.u.c.k",
 * "sh-it", "f*ck" keeps only letters; digits only where letters dominate, so "A55" stays a model
 * name); three or more single letters in a row are joined ("f u c k");
 * runs of one repeated character are collapsed ({@link WordsView}).
 */
public final class TextNormalizer {

    private static final char DROP = 0;

    private static final char MARK = 1;

    private static final char MULTI = 2;

    /** Marker result of folding a combining mark: dropped after a Latin-like base, kept otherwise. */
    private static final String MARK_RESULT = new String("\u0001");

    /** Punctuation that may sit inside a disguised word and is dropped to join it. */
    private static final String JOINABLE = ".-_'*#`~^";

    /** Leet symbols that may open a word ("@ss", "$hit") or close one ("a$$"). */
    private static final String LEADING_LEET = "@$";

    private static final String TRAILING_LEET = "$";

    /** Characters that render as nothing but are not format characters. */
    private static final Set<Integer> INVISIBLE = Set.of(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0,
            0x2800, 0x180E);

    private final Map<Integer, String> confusables;

    private final char[] table = new char[Character.MAX_VALUE + 1];

    private final Map<Integer, String> multi = new HashMap<>();

    private final char[] leet = new char[Character.MAX_VALUE + 1];

    /**
     * @param confusables code point → replacement (lower case), applied before and after decomposition
     * @param leet symbol or digit → the letter it stands for inside a word
     */
    public TextNormalizer(Map<Integer, String> confusables, Map<Character, Character> leet) {
        this.confusables = Map.copyOf(confusables);
        leet.forEach((symbol, letter) -> this.leet[symbol] = letter);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String folded = foldCodePoint(c);
            if (folded == MARK_RESULT) {
                table[c] = MARK;
            }
            else if (folded.isEmpty()) {
                table[c] = DROP;
            }
            else if (folded.length() == 1 && folded.charAt(0) > MULTI) {
                table[c] = folded.charAt(0);
            }
            else {
                table[c] = MULTI;
                multi.put(c, folded);
            }
        }
    }

    public FoldedText fold(String text) {
        int n = text.length();
        int capacity = n + 16;
        char[] out = new char[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int len = 0;
        boolean afterLatinLike = true;
        int i = 0;
        while (i < n) {
            int start = i;
            char c = text.charAt(i++);
            char single;
            String expansion = null;
            if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                expansion = foldSupplementary(Character.toCodePoint(c, text.charAt(i++)));
                single = MULTI;
            }
            else {
                single = table[c];
                if (single == MULTI) {
                    expansion = multi.get((int) c);
                }
            }
            if (single == DROP) {
                continue;
            }
            if (single == MARK) {
                if (afterLatinLike) {
                    continue;
                }
                single = c;
            }
            int needed = len + (expansion != null ? expansion.length() : 1);
            if (needed > out.length) {
                int grown = Math.max(needed, out.length * 2);
                out = Arrays.copyOf(out, grown);
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
            }
            if (expansion != null) {
                for (int k = 0; k < expansion.length(); k++) {
                    out[len] = expansion.charAt(k);
                    starts[len] = start;
                    ends[len++] = i;
                }
                if (!expansion.isEmpty()) {
                    afterLatinLike = latinLike(expansion.charAt(expansion.length() - 1));
                }
            }
            else {
                out[len] = single;
                starts[len] = start;
                ends[len++] = i;
                afterLatinLike = latinLike(single);
            }
        }
        return new FoldedText(text, out, starts, ends, len);
    }

    public WordsView words(FoldedText folded) {
        char[] f = folded.chars();
        int n = folded.length();
        char[] wordChars = new char[n + 1];
        int[] foldedIndex = new int[n + 1];
        int[] wordStart = new int[n + 1];
        int[] wordEnd = new int[n + 1];
        int used = 0;
        int words = 0;
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(f[i])) {
                i++;
            }
            int j = i;
            while (j < n && !isSeparator(f[j])) {
                j++;
            }
            if (j > i) {
                int before = used;
                used = emitChunk(f, i, j, wordChars, foldedIndex, used);
                if (used > before) {
                    wordStart[words] = before;
                    wordEnd[words++] = used;
                }
            }
            i = j;
        }

        int capacity = used + words + 1;
        char[] chars = new char[capacity];
        int[] runs = new int[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int len = 0;
        int[] foldedStarts = folded.starts();
        int[] foldedEnds = folded.ends();
        int w = 0;
        while (w < words) {
            int groupEnd = w + 1;
            if (wordEnd[w] - wordStart[w] == 1) {
                int k = w;
                while (k < words && wordEnd[k] - wordStart[k] == 1) {
                    k++;
                }
                if (k - w >= 3) {
                    groupEnd = k;
                }
            }
            if (len > 0) {
                chars[len] = ' ';
                runs[len] = 1;
                starts[len] = ends[len - 1];
                ends[len] = foldedStarts[foldedIndex[wordStart[w]]];
                len++;
            }
            for (int word = w; word < groupEnd; word++) {
                for (int p = wordStart[word]; p < wordEnd[word]; p++) {
                    char c = wordChars[p];
                    int source = foldedIndex[p];
                    if (len > 0 && chars[len - 1] == c) {
                        runs[len - 1]++;
                        ends[len - 1] = foldedEnds[source];
                    }
                    else {
                        chars[len] = c;
                        runs[len] = 1;
                        starts[len] = foldedStarts[source];
                        ends[len] = foldedEnds[source];
                        len++;
                    }
                }
            }
            w = groupEnd;
        }
        return new WordsView(chars, runs, starts, ends, len);
    }

    /** Folds and builds the words view in one call, for matching policy terms and tests. */
    public WordsView words(String text) {
        return words(fold(text));
    }

    private int emitChunk(char[] f, int from, int to, char[] out, int[] index, int used) {
        boolean hasLetter = false;
        for (int k = from; k < to; k++) {
            if (Character.isLetter(f[k])) {
                hasLetter = true;
                break;
            }
        }
        if (!hasLetter) {
            for (int k = from; k < to; k++) {
                if (Character.isDigit(f[k])) {
                    out[used] = f[k];
                    index[used++] = k;
                }
            }
            return used;
        }
        // Digits read as letters only where letters dominate: "sh1t", "b00bs", but not "A55" or "mp3"-like names.
        int letters = 0;
        int digits = 0;
        for (int k = from; k < to; k++) {
            if (Character.isLetter(f[k])) {
                letters++;
            }
            else if (Character.isDigit(f[k])) {
                digits++;
            }
        }
        boolean decodeDigits = letters >= 2 && letters >= digits;
        int left = from;
        while (left < to && !Character.isLetterOrDigit(f[left]) && LEADING_LEET.indexOf(f[left]) < 0) {
            left++;
        }
        int right = to - 1;
        while (right >= left && !Character.isLetterOrDigit(f[right]) && TRAILING_LEET.indexOf(f[right]) < 0) {
            right--;
        }
        for (int k = left; k <= right; k++) {
            char c = f[k];
            char emitted;
            if (Character.isLetter(c)) {
                emitted = c;
            }
            else if (leet[c] != 0 && (decodeDigits || !Character.isDigit(c))) {
                emitted = leet[c];
            }
            else if (Character.isDigit(c)) {
                emitted = c;
            }
            else {
                continue;
            }
            out[used] = emitted;
            index[used++] = k;
        }
        return used;
    }

    private boolean isSeparator(char c) {
        return c == ' ' || !(Character.isLetterOrDigit(c) || leet[c] != 0 || JOINABLE.indexOf(c) >= 0);
    }

    private String foldSupplementary(int codePoint) {
        if (codePoint >= 0x1F300 && codePoint <= 0x1FAFF) {
            return " ";
        }
        String folded = foldCodePoint(codePoint);
        return folded == MARK_RESULT ? "" : folded;
    }

    private String foldCodePoint(int codePoint) {
        String mapped = confusables.get(codePoint);
        if (mapped != null) {
            return mapped;
        }
        if (codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF) {
            return String.valueOf((char) ('a' + codePoint - 0x1F1E6));
        }
        if (INVISIBLE.contains(codePoint) || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)) {
            return "";
        }
        int type = Character.getType(codePoint);
        switch (type) {
            case Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE:
                return "";
            case Character.CONTROL:
                return Character.isWhitespace(codePoint) ? " " : "";
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return " ";
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK:
                return MARK_RESULT;
            case Character.DECIMAL_DIGIT_NUMBER:
                return String.valueOf((char) ('0' + Character.digit(codePoint, 10)));
            default:
                break;
        }
        if (codePoint < 0x80) {
            return String.valueOf((char) Character.toLowerCase(codePoint));
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
        boolean stripMarks = latinLikeScript(decomposed.codePointAt(0));
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(part -> {
            int partType = Character.getType(part);
            if (partType == Character.NON_SPACING_MARK || partType == Character.ENCLOSING_MARK) {
                if (!stripMarks) {
                    folded.appendCodePoint(part);
                }
                return;
            }
            if (partType == Character.FORMAT) {
                return;
            }
            int lower = Character.toLowerCase(part);
            String again = confusables.get(lower);
            if (again != null) {
                folded.append(again);
            }
            else if (Character.isWhitespace(lower) || Character.isSpaceChar(lower)) {
                folded.append(' ');
            }
            else if (partType == Character.DECIMAL_DIGIT_NUMBER) {
                folded.append((char) ('0' + Character.digit(part, 10)));
            }
            else if (partType == Character.OTHER_SYMBOL) {
                folded.append(' ');
            }
            else {
                folded.appendCodePoint(lower);
            }
        });
        return folded.toString();
    }

    private static boolean latinLikeScript(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK
                || script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.COMMON
                || script == Character.UnicodeScript.INHERITED;
    }

    private static boolean latinLike(char c) {
        return c < 0x0530 || (c >= 0x1D00 && c < 0x2C00);
    }
}
