package com.linkwithmentor.gateway.edge;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Requests allowed a larger body than {@code lwm.gateway.max-request-size}: each names one request
 * ({@code "PATCH /api/v1/lectures/*}{@code /uploads/*"}) and its own limit, e.g. the tus chunks of
 * lecture uploads, which the gateway streams through without buffering. The first match wins.
 */
@ConfigurationProperties("lwm.gateway.bodies")
public record BodyLimits(@DefaultValue List<Override> overrides) {

    public record Override(String request, DataSize maxSize) {
    }

    /** The limit for this request, or null when the default applies. */
    public @Nullable DataSize limitFor(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Override override : overrides) {
            String[] parts = override.request().trim().split("\\s+", 2);
            boolean methodMatches = parts.length == 1 || HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)).equals(method);
            PathPattern pattern = PathPatternParser.defaultInstance.parse(parts[parts.length - 1]);
            if (methodMatches && pattern.matches(container)) {
                return override.maxSize();
            }
        }
        return null;
    }
}
