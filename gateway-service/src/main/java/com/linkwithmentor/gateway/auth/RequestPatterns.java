package com.linkwithmentor.gateway.auth;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** A list of requests by method and path pattern: {@code "POST /api/v1/auth/login"}, or a bare pattern for any method. */
public final class RequestPatterns {

    private record Entry(@Nullable HttpMethod method, PathPattern pattern) {
    }

    private final List<Entry> entries;

    public RequestPatterns(List<String> configured) {
        this.entries = configured.stream().map(RequestPatterns::parse).toList();
    }

    public boolean matches(HttpMethod method, String path) {
        if (entries.isEmpty()) {
            return false;
        }
        return matches(method, PathContainer.parsePath(path));
    }

    public boolean matches(HttpMethod method, PathContainer path) {
        for (Entry entry : entries) {
            if ((entry.method() == null || entry.method().equals(method)) && entry.pattern().matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static Entry parse(String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        if (parts.length == 2) {
            return new Entry(HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)), PathPatternParser.defaultInstance.parse(parts[1]));
        }
        return new Entry(null, PathPatternParser.defaultInstance.parse(parts[0]));
    }
}
