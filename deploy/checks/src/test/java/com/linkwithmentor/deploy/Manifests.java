package com.linkwithmentor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * deploy/k8s rendered: each overlay's resources (by {@link Kustomize}), and what a workload gets
 * from them — its pod labels and its environment, resolved from the ConfigMaps it reads and the
 * Secret references it holds.
 */
final class Manifests {

    static final Fleet FLEET = Fleet.load();
    static final Path K8S = FLEET.path("deploy/k8s");

    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** The overlays under deploy/k8s/overlays (dev, prod). */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> List.copyOf(Kustomize.build(K8S.resolve("overlays").resolve(name))));
    }

    static List<ObjectNode> ofKind(String overlay, String kind) {
        return render(overlay).stream().filter(resource -> resource.path("kind").asText().equals(kind)).toList();
    }

    static @Nullable ObjectNode find(String overlay, String kind, String name) {
        return Kustomize.find(render(overlay), kind, name);
    }

    /** Deployments and StatefulSets. */
    static List<ObjectNode> workloads(String overlay) {
        return render(overlay).stream().filter(resource -> Set.of("Deployment", "StatefulSet", "DaemonSet")
                .contains(resource.path("kind").asText())).toList();
    }

    /** The fleet services this overlay deploys (a Deployment by the service's name). */
    static List<Fleet.Service> deployed(String overlay) {
        return FLEET.table().stream().filter(service -> find(overlay, "Deployment", service.name()) != null).toList();
    }

    static Map<String, String> podLabels(JsonNode workload) {
        Map<String, String> labels = new LinkedHashMap<>();
        workload.path("spec").path("template").path("metadata").path("labels").fields()
                .forEachRemaining(entry -> labels.put(entry.getKey(), entry.getValue().asText()));
        return labels;
    }

    static JsonNode container(JsonNode workload, String name) {
        for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asText().equals(name)) {
                return container;
            }
        }
        return workload.path("spec").path("template").path("spec").path("containers").path(0);
    }

    /** One variable as the container sees it: a value, or a reference to a Secret's key. */
    record Value(@Nullable String value, @Nullable String secret, @Nullable String key, boolean optional, String from) {

        boolean isSecret() {
            return secret != null;
        }
    }

    /**
     * The container's environment: {@code envFrom} ConfigMaps in order, then {@code env} entries,
     * which win (as the kubelet resolves them).
     */
    static Map<String, Value> environment(String overlay, JsonNode container) {
        Map<String, Value> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                String name = source.path("configMapRef").path("name").asText();
                ObjectNode configMap = find(overlay, "ConfigMap", name);
                if (configMap == null) {
                    throw new AssertionError(overlay + ": " + container.path("name").asText() + " reads ConfigMap " + name
                            + ", which the overlay does not have");
                }
                configMap.path("data").fields().forEachRemaining(entry -> env.put(entry.getKey(),
                        new Value(entry.getValue().asText(), null, null, false, "ConfigMap " + name)));
            }
            else if (source.has("secretRef")) {
                throw new AssertionError(container.path("name").asText() + ": envFrom a whole Secret hides which keys it needs;"
                        + " reference each key with secretKeyRef");
            }
        }
        for (JsonNode entry : container.path("env")) {
            String name = entry.path("name").asText();
            JsonNode secret = entry.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                env.put(name, new Value(null, secret.path("name").asText(), secret.path("key").asText(),
                        secret.path("optional").asBoolean(false), "Secret " + secret.path("name").asText()));
            }
            else if (entry.has("value")) {
                env.put(name, new Value(entry.path("value").asText(), null, null, false, "env"));
            }
            else {
                env.put(name, new Value(null, null, null, false, "valueFrom " + entry.path("valueFrom")));
            }
        }
        return env;
    }

    /** Every Secret (name and key) the overlay's workloads reference, and the Secrets mounted whole. */
    static Set<String> secretReferences(String overlay) {
        Set<String> references = new TreeSet<>();
        for (ObjectNode workload : workloads(overlay)) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode container : containers) {
                for (JsonNode entry : container.path("env")) {
                    JsonNode secret = entry.path("valueFrom").path("secretKeyRef");
                    if (!secret.isMissingNode()) {
                        references.add(secret.path("name").asText() + "/" + secret.path("key").asText());
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret")) {
                    references.add(volume.path("secret").path("secretName").asText() + "/*");
                }
            }
        }
        return references;
    }
}
