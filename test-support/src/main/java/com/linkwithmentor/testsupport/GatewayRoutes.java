package com.linkwithmentor.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.yaml.snakeyaml.Yaml;

/**
 * The gateway's route table as written in {@code gateway-service/src/main/resources/application.yml},
 * read by a service's own tests so they can check that the edge and the service agree on which
 * requests are public ({@code metadata.public-paths} of the routes to that service).
 */
public final class GatewayRoutes {

    private GatewayRoutes() {
    }

    /** The public requests the gateway lists for routes to the service, sorted, as {@code "POST /path"}. */
    public static List<String> publicPaths(String service) {
        TreeSet<String> paths = new TreeSet<>();
        for (Map<String, Object> route : routes()) {
            String uri = String.valueOf(route.get("uri"));
            if (!uri.equals("lb://" + service) && !uri.equals("lb:ws://" + service)) {
                continue;
            }
            if (route.get("metadata") instanceof Map<?, ?> metadata && metadata.get("public-paths") instanceof List<?> list) {
                list.stream().map(Objects::toString).map(String::trim).forEach(paths::add);
            }
        }
        return List.copyOf(paths);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> routes() {
        Path file = Path.of("..", "gateway-service", "src", "main", "resources", "application.yml");
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> root = new Yaml().load(in);
            Object routes = dig(root, "spring", "cloud", "gateway", "server", "webflux", "routes");
            return routes instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the gateway's route table at " + file.toAbsolutePath(), ex);
        }
    }

    private static Object dig(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
