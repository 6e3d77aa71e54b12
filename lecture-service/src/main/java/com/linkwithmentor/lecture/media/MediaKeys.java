package com.linkwithmentor.lecture.media;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Media keys as they may appear in a URL: plain relative paths of safe characters, no dot segments left. */
final class MediaKeys {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/-]{1,400}");

    private MediaKeys() {
    }

    static boolean isRelative(String uri) {
        return SAFE.matcher(uri).matches() && !uri.startsWith("/");
    }

    /** The key with {@code .} and {@code ..} resolved, or null when it is not safe or climbs out. */
    static @Nullable String normalize(String key) {
        if (!SAFE.matcher(key).matches() || key.startsWith("/")) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : key.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
                continue;
            }
            parts.addLast(part);
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }
}
