package com.linkwithmentor.moderation.classifier;

import com.linkwithmentor.moderation.text.WordsView;

/**
 * The features the classifier reads, hashed into {@code 2^bits} buckets ("feature hashing": no
 * vocabulary to ship, unseen words still land somewhere): per word of the normalized words view,
 * the word itself, its character n-grams (with {@code <} and {@code >} marking its ends, so "kys"
 * inside "okays" differs from "kys" alone) and the pair it makes with the word before. Words are
 * read as the word lists read them (case, look-alikes, leetspeak and stretched letters already
 * undone); digits become {@code 0}, so "send 500 get 1000" and "send 200 get 400" look alike.
 *
 * <p>Features are produced per word, so a caller can score any run of words (a window of a long
 * message) from the per-word sums.
 */
public final class TextFeatures {

    /** Longest word (in characters) whose n-grams are all taken; longer ones (links, hashes) are cut. */
    private static final int MAX_WORD = 32;

    /** Longest run of one digit kept: "10000000000" and "100000" stay apart, to a point. */
    private static final int MAX_DIGIT_RUN = 12;

    private static final int SEED_WORD = 0x9E3779B1;

    private static final int SEED_PAIR = 0x85EBCA77;

    private static final int SEED_GRAM = 0xC2B2AE3D;

    private final int mask;

    private final int minGram;

    private final int maxGram;

    public TextFeatures(int bits, int minGram, int maxGram) {
        if (bits < 10 || bits > 24 || minGram < 1 || maxGram < minGram || maxGram > 8) {
            throw new IllegalArgumentException("bits 10..24 and 1 <= minGram <= maxGram <= 8");
        }
        this.mask = (1 << bits) - 1;
        this.minGram = minGram;
        this.maxGram = maxGram;
    }

    /** Receives each feature of each word: the word's index, where it lies in the words view, and the bucket. */
    public interface Sink {

        /** A new word begins; its features follow. */
        void word(int index, int start, int endExclusive);

        /** One feature of the current word; {@code pair} marks the feature joining it to the previous word. */
        void feature(int bucket, boolean pair);
    }

    public void extract(WordsView words, Sink sink) {
        int length = words.length();
        char[] word = new char[MAX_WORD + 2];
        int index = 0;
        int previousHash = 0;
        int i = 0;
        while (i < length) {
            while (i < length && words.charAt(i) == ' ') {
                i++;
            }
            if (i >= length) {
                break;
            }
            int start = i;
            int size = 1;
            word[0] = '<';
            while (i < length && words.charAt(i) != ' ') {
                char c = words.charAt(i);
                if (c >= '0' && c <= '9' || Character.isDigit(c)) {
                    int run = Math.min(words.runAt(i), MAX_DIGIT_RUN);
                    for (int r = 0; r < run && size <= MAX_WORD; r++) {
                        word[size++] = '0';
                    }
                }
                else if (size <= MAX_WORD) {
                    word[size++] = c;
                }
                i++;
            }
            word[size++] = '>';
            sink.word(index, start, i);
            int wordHash = hash(SEED_WORD, word, 1, size - 2);
            sink.feature(wordHash & mask, false);
            if (index > 0) {
                sink.feature(mix(previousHash * 31 + wordHash ^ SEED_PAIR) & mask, true);
            }
            for (int from = 0; from < size; from++) {
                int h = SEED_GRAM;
                for (int n = 1; n <= maxGram && from + n <= size; n++) {
                    h = (h ^ word[from + n - 1]) * 0x01000193;
                    if (n >= minGram) {
                        sink.feature(mix(h + n) & mask, false);
                    }
                }
            }
            previousHash = wordHash;
            index++;
        }
    }

    private static int hash(int seed, char[] chars, int from, int count) {
        int h = seed;
        for (int k = from; k < from + count; k++) {
            h = (h ^ chars[k]) * 0x01000193;
        }
        return mix(h);
    }

    /** Murmur3's finalizer: spreads FNV's low bits, which the bucket mask keeps. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
