package com.linkwithmentor.storage;

import java.util.regex.Pattern;

/**
 * What a key may be: a relative path of plain segments ({@code lectures/3f.../hls/720p/seg_00001.ts}),
 * the same on disk and in a bucket. Nothing that could climb out of the root or mean something else
 * to a file system or an S3 path.
 */
public final class BlobKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private BlobKeys() {
    }

    /** The key itself, or an IllegalArgumentException naming what is wrong with it. */
    public static String require(String key) {
        if (key.isEmpty() || key.length() > 1024) {
            throw new IllegalArgumentException("A storage key has 1 to 1024 characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..") || segment.contains("..")) {
                throw new IllegalArgumentException("Not a valid storage key: " + key);
            }
        }
        return key;
    }

    /** A prefix for listing: a key, or a key followed by {@code /}. */
    public static String requirePrefix(String prefix) {
        return prefix.endsWith("/") ? require(prefix.substring(0, prefix.length() - 1)) + "/" : require(prefix);
    }
}
