package com.linkwithmentor.moderation.policy;

import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Known-bad pictures as 256-bit perceptual hashes (PDQ, written as 64 hex digits the way the PDQ
 * reference tools print them), each with the category and severity a match carries and a label
 * for reviewers. A picture matches the nearest listed hash within {@code maxDistance} differing
 * bits, if its own hash has at least {@code minQuality} (PDQ's 0 to 100 measure of detail; a
 * blank or blurred picture hashes unreliably).
 */
public record HashList(List<Entry> entries, int maxDistance, int minQuality) {

    public record Entry(long[] bits, Category category, Severity severity, String label) {
    }

    public record Hit(Entry entry, int distance) {
    }

    public @Nullable Hit nearest(long[] hash, int quality) {
        if (quality < minQuality) {
            return null;
        }
        Hit best = null;
        for (Entry entry : entries) {
            int distance = 0;
            for (int w = 0; w < 4; w++) {
                distance += Long.bitCount(entry.bits()[w] ^ hash[w]);
            }
            if (distance <= maxDistance && (best == null || distance < best.distance())) {
                best = new Hit(entry, distance);
            }
        }
        return best;
    }

    /** 64 hex digits into four words, the first word holding the first 16 digits. */
    public static long[] parse(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a PDQ hash is 64 hex digits");
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        long[] bits = new long[4];
        for (int i = 0; i < 32; i++) {
            bits[i / 8] = (bits[i / 8] << 8) | (bytes[i] & 0xFF);
        }
        return bits;
    }

    public static String format(long[] bits) {
        StringBuilder hex = new StringBuilder(64);
        for (long word : bits) {
            hex.append(String.format("%016x", word));
        }
        return hex.toString();
    }
}
