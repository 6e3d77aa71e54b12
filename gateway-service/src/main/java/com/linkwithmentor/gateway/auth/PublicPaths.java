package com.linkwithmentor.gateway.auth;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The explicit list of requests that need no token: {@code "POST /api/v1/auth/login"} or a bare pattern. */
public final class PublicPaths {

    private record Entry(@Nullable HttpMethod method, PathPattern pattern) {
    }

    private final List<Entry> entries;

    public PublicPaths(List<String> configured) {
        this.entries = configured.stream().map(PublicPaths::parse).toList();
    }

    public boolean matches(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return entries.stream()
            .anyMatch(entry -> (entry.method() == null || entry.method().equals(method)) && entry.pattern().matches(container));
    }

    private static Entry parse(String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        if (parts.length == 2) {
            return new Entry(HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)), PathPatternParser.defaultInstance.parse(parts[1]));
        }
        return new Entry(null, PathPatternParser.defaultInstance.parse(parts[0]));
    }
}
