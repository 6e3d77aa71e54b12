package com.linkwithmentor.gateway.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpMethod;

/**
 * What each route allows. The route table is the one list of what needs no token: each route names
 * its public requests in its metadata, and a request is public only if the route it was routed by
 * says so, so a path declared public for one service can never open another service's route. Only
 * routes to a WebSocket service may upgrade a connection.
 *
 * <pre>
 * - id: user-service
 *   metadata:
 *     public-paths:
 *       - POST /api/v1/auth/register
 *       - GET /api/v1/auth/oidc/&#42;/authorize
 * </pre>
 */
public final class RouteAccess {

    public static final String METADATA_KEY = "public-paths";

    private record Parsed(Route route, RequestPatterns paths) {
    }

    private final Map<String, Parsed> byRoute = new ConcurrentHashMap<>();

    public boolean isPublic(Route route, HttpMethod method, String path) {
        Parsed parsed = byRoute.get(route.getId());
        // The route locator hands out the same Route until a refresh builds new ones: parse again
        // then. (Not the metadata map: getMetadata() wraps it anew on every call, so comparing that
        // parsed the patterns on every request.)
        if (parsed == null || parsed.route() != route) {
            parsed = new Parsed(route, new RequestPatterns(publicPaths(route)));
            byRoute.put(route.getId(), parsed);
        }
        return parsed.paths().matches(method, path);
    }

    /** The entries of a route's {@code public-paths}, however the YAML list was bound (list or indexed map). */
    public static List<String> publicPaths(Route route) {
        Object value = route.getMetadata().get(METADATA_KEY);
        List<String> entries = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(entry -> entries.add(entry.toString()));
        }
        else if (value instanceof Map<?, ?> indexed) {
            Map<Integer, String> ordered = new TreeMap<>();
            indexed.forEach((index, entry) -> ordered.put(Integer.valueOf(index.toString()), entry.toString()));
            entries.addAll(ordered.values());
        }
        else if (value != null) {
            throw new IllegalStateException("Route " + route.getId() + ": metadata." + METADATA_KEY
                    + " must be a list of \"METHOD /path\" entries");
        }
        return entries;
    }

    /** A route to a WebSocket service ({@code ws://}, {@code wss://}, {@code lb:ws://}): the only kind that may upgrade. */
    public static boolean allowsUpgrade(Route route) {
        URI uri = route.getUri();
        String scheme = uri.getScheme();
        if ("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) {
            return true;
        }
        String rest = uri.getRawSchemeSpecificPart();
        return rest != null && (rest.startsWith("ws:") || rest.startsWith("wss:"));
    }
}
