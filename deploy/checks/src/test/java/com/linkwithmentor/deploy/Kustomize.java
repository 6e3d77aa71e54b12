package com.linkwithmentor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.flipkart.zjsonpatch.JsonPatch;

/**
 * Renders a Kustomize directory as {@code kustomize build} / {@code kubectl kustomize} does, for
 * the subset deploy/k8s uses, without the kustomize binary. Anything outside the subset is refused
 * by name rather than rendered differently. The subset, in kustomize's own order of application
 * within one kustomization (its builtin transformer order):
 * <ol>
 * <li>{@code resources}: files (multi-document YAML, below the directory) and directories holding a
 * kustomization.yaml (built first, with their own transformations); an id (group, kind, namespace,
 * name) may appear once;</li>
 * <li>{@code configMapGenerator} with {@code literals} and {@code files} (below the directory),
 * behavior {@code create}, {@code merge} or {@code replace}, and only with
 * {@code disableNameSuffixHash} (so no content hash to reproduce);</li>
 * <li>{@code patches}: a list of operations is a JSON 6902 patch (needs a target); a map is a
 * strategic-merge patch restricted to maps (a list or a {@code $patch} directive in it is
 * refused), matched by its kind and name when it has no target. Targets select by kind (exact)
 * and name (an anchored regular expression, as kustomize does). Stricter than kustomize: a patch
 * that matches nothing is an error;</li>
 * <li>{@code namespace}: set on every namespaced resource; a Namespace object takes it as its name;</li>
 * <li>{@code labels} with {@code includeSelectors: false}: on every resource's metadata, and on pod
 * templates with {@code includeTemplates: true};</li>
 * <li>{@code images}: {@code newName}, {@code newTag}, {@code digest} for every container and init
 * container whose image name matches.</li>
 * </ol>
 * When {@code kubectl} is installed, KubernetesManifestsTests compares this rendering with
 * {@code kubectl kustomize}'s for every overlay.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images",
            "patches", "configMapGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "RuntimeClass");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Job", "ReplicationController");

    private Kustomize() {
    }

    /** The resources {@code dir}'s kustomization.yaml renders to. */
    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " has no kustomization.yaml");
        }
        JsonNode kustomization = readOne(file);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": '" + field + "' is outside the subset this renderer handles");
            }
        });
        require(file, kustomization.path("apiVersion").asText().equals("kustomize.config.k8s.io/v1beta1")
                && kustomization.path("kind").asText().equals("Kustomization"), "apiVersion/kind of a Kustomization");

        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                build(path).forEach(resource -> add(resources, resource, file));
            }
            else {
                require(file, path.startsWith(dir), "resource file " + entry.asText() + " is not below the kustomization");
                readAll(path).forEach(resource -> add(resources, resource, file));
            }
        }
        generateConfigMaps(dir, file, kustomization, resources);
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, file, patch, resources);
        }
        String namespace = kustomization.path("namespace").asText(null);
        if (namespace != null) {
            for (ObjectNode resource : resources) {
                ObjectNode metadata = (ObjectNode) resource.path("metadata");
                if (resource.path("kind").asText().equals("Namespace")) {
                    metadata.put("name", namespace);
                }
                else if (!CLUSTER_SCOPED.contains(resource.path("kind").asText())) {
                    metadata.put("namespace", namespace);
                }
            }
        }
        for (JsonNode labels : kustomization.path("labels")) {
            require(file, !labels.path("includeSelectors").asBoolean(false), "labels.includeSelectors: true is outside the subset");
            boolean templates = labels.path("includeTemplates").asBoolean(false);
            for (ObjectNode resource : resources) {
                addLabels(object(object(resource, "metadata"), "labels"), labels.path("pairs"));
                if (templates && POD_TEMPLATE_KINDS.contains(resource.path("kind").asText())) {
                    addLabels(object(object(object(object(resource, "spec"), "template"), "metadata"), "labels"), labels.path("pairs"));
                }
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            resources.forEach(resource -> setImages(resource, image));
        }
        return resources;
    }

    private static void generateConfigMaps(Path dir, Path file, JsonNode kustomization, List<ObjectNode> resources) {
        boolean noHash = kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generator.fieldNames().forEachRemaining(field -> require(file, Set.of("name", "behavior", "literals", "files", "options").contains(field),
                    "configMapGenerator." + field + " is outside the subset"));
            require(file, noHash || generator.path("options").path("disableNameSuffixHash").asBoolean(false),
                    "configMapGenerator " + generator.path("name").asText() + " needs disableNameSuffixHash (no content hash is rendered)");
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            for (JsonNode literal : generator.path("literals")) {
                String[] pair = literal.asText().split("=", 2);
                require(file, pair.length == 2, "literal " + literal.asText() + " is not KEY=VALUE");
                data.put(pair[0], pair[1]);
            }
            for (JsonNode entry : generator.path("files")) {
                String[] pair = entry.asText().split("=", 2);
                String relative = pair.length == 2 ? pair[1] : pair[0];
                Path source = dir.resolve(relative).normalize();
                require(file, source.startsWith(dir), "generator file " + relative + " is not below the kustomization");
                data.put(pair.length == 2 ? pair[0] : source.getFileName().toString(), read(source));
            }
            String name = generator.path("name").asText();
            String behavior = generator.path("behavior").asText("create");
            ObjectNode existing = resources.stream().filter(resource -> resource.path("kind").asText().equals("ConfigMap")
                    && resource.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
            switch (behavior) {
                case "create" -> {
                    ObjectNode configMap = JsonNodeFactory.instance.objectNode();
                    configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
                    configMap.putObject("metadata").put("name", name);
                    configMap.set("data", data);
                    add(resources, configMap, file);
                }
                case "merge", "replace" -> {
                    require(file, existing != null, "configMapGenerator " + name + " (" + behavior + ") finds no ConfigMap " + name);
                    if (behavior.equals("replace")) {
                        existing.set("data", data);
                    }
                    else {
                        object(existing, "data").setAll(data);
                    }
                }
                default -> throw new IllegalArgumentException(file + ": unknown generator behavior " + behavior);
            }
        }
    }

    private static void applyPatch(Path dir, Path file, JsonNode entry, List<ObjectNode> resources) {
        entry.fieldNames().forEachRemaining(field -> require(file, Set.of("path", "patch", "target").contains(field),
                "patches[]." + field + " is outside the subset"));
        JsonNode patch;
        String source;
        if (entry.has("path")) {
            Path path = dir.resolve(entry.path("path").asText()).normalize();
            require(file, path.startsWith(dir), "patch file " + entry.path("path").asText() + " is not below the kustomization");
            patch = readOne(path);
            source = path.toString();
        }
        else {
            try {
                patch = YAML.readTree(entry.path("patch").asText());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            source = file + " (inline patch)";
        }
        JsonNode target = entry.path("target");
        if (patch.isArray()) {
            require(file, !target.isMissingNode(), "a JSON 6902 patch needs a target: " + source);
            List<ObjectNode> matched = select(resources, target);
            require(file, !matched.isEmpty(), "patch " + source + " matches no resource");
            for (ObjectNode resource : matched) {
                JsonNode patched = JsonPatch.apply(patch, resource);
                resource.removeAll();
                resource.setAll((ObjectNode) patched);
            }
        }
        else {
            checkMapOnly(patch, source, "");
            ObjectNode selector = JsonNodeFactory.instance.objectNode();
            if (target.isMissingNode()) {
                selector.put("kind", patch.path("kind").asText());
                selector.put("name", Pattern.quote(patch.path("metadata").path("name").asText()));
            }
            else {
                selector.setAll((ObjectNode) target);
            }
            List<ObjectNode> matched = select(resources, selector);
            require(file, !matched.isEmpty(), "patch " + source + " matches no resource");
            for (ObjectNode resource : matched) {
                mergeMaps(resource, (ObjectNode) patch);
            }
        }
    }

    private static List<ObjectNode> select(List<ObjectNode> resources, JsonNode target) {
        target.fieldNames().forEachRemaining(field -> {
            if (!Set.of("group", "version", "kind", "name", "namespace", "labelSelector").contains(field)) {
                throw new IllegalArgumentException("patch target." + field + " is outside the subset");
            }
        });
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode resource : resources) {
            String apiVersion = resource.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            if (target.has("group") && !target.path("group").asText().equals(group)
                    || target.has("version") && !target.path("version").asText().equals(version)
                    || target.has("kind") && !target.path("kind").asText().equals(resource.path("kind").asText())
                    || target.has("name") && !anchored(target.path("name").asText(), resource.path("metadata").path("name").asText())
                    || target.has("namespace") && !anchored(target.path("namespace").asText(), resource.path("metadata").path("namespace").asText(""))
                    || target.has("labelSelector") && !labelsMatch(target.path("labelSelector").asText(), resource.path("metadata").path("labels"))) {
                continue;
            }
            selected.add(resource);
        }
        return selected;
    }

    private static boolean anchored(String regex, String value) {
        return Pattern.compile("^(?:" + regex + ")$").matcher(value).matches();
    }

    /** Equality selectors only: {@code key=value,key2=value2}. */
    private static boolean labelsMatch(String selector, JsonNode labels) {
        for (String term : selector.split(",")) {
            String[] pair = term.trim().split("==?", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("labelSelector " + selector + ": only key=value terms are in the subset");
            }
            if (!labels.path(pair[0].trim()).asText("\0").equals(pair[1].trim())) {
                return false;
            }
        }
        return true;
    }

    private static void checkMapOnly(JsonNode node, String source, String path) {
        if (node.isArray()) {
            throw new IllegalArgumentException(source + ": a list at " + path + " in a strategic-merge patch is outside the"
                    + " subset (its merge keys are not rendered): use a JSON 6902 patch");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().startsWith("$")) {
                    throw new IllegalArgumentException(source + ": the directive " + field.getKey() + " is outside the subset");
                }
                checkMapOnly(field.getValue(), source, path + "/" + field.getKey());
            });
        }
    }

    /** A strategic merge of maps: keys merge recursively, a null deletes, a scalar replaces. */
    private static void mergeMaps(ObjectNode target, ObjectNode patch) {
        patch.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            }
            else if (value.isObject() && target.path(field.getKey()).isObject()) {
                mergeMaps((ObjectNode) target.get(field.getKey()), (ObjectNode) value);
            }
            else {
                target.set(field.getKey(), value.deepCopy());
            }
        });
    }

    private static void addLabels(ObjectNode labels, JsonNode pairs) {
        pairs.fields().forEachRemaining(pair -> labels.put(pair.getKey(), pair.getValue().asText()));
    }

    /** Every containers[] / initContainers[] image anywhere in the resource. */
    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers")) && field.getValue().isArray()) {
                    for (JsonNode container : field.getValue()) {
                        if (container.has("image")) {
                            ((ObjectNode) container).put("image", retag(container.path("image").asText(), image));
                        }
                    }
                }
                else {
                    setImages(field.getValue(), image);
                }
            }
        }
        else if (node.isArray()) {
            node.forEach(item -> setImages(item, image));
        }
    }

    private static String retag(String reference, JsonNode image) {
        int at = reference.indexOf('@');
        String withoutDigest = at >= 0 ? reference.substring(0, at) : reference;
        int colon = withoutDigest.lastIndexOf(':');
        boolean hasTag = colon > withoutDigest.lastIndexOf('/');
        String name = hasTag ? withoutDigest.substring(0, colon) : withoutDigest;
        if (!name.equals(image.path("name").asText())) {
            return reference;
        }
        String suffix = at >= 0 ? reference.substring(at) : hasTag ? withoutDigest.substring(colon) : "";
        if (image.has("digest")) {
            suffix = "@" + image.path("digest").asText();
        }
        else if (image.has("newTag")) {
            suffix = ":" + image.path("newTag").asText();
        }
        return image.path("newName").asText(name) + suffix;
    }

    private static void add(List<ObjectNode> resources, ObjectNode resource, Path file) {
        String id = id(resource);
        require(file, resources.stream().noneMatch(existing -> id(existing).equals(id)), "resource " + id + " appears twice");
        resources.add(resource);
    }

    /** group/kind/namespace/name, as kustomize identifies resources. */
    static String id(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return group + "/" + resource.path("kind").asText() + "/" + resource.path("metadata").path("namespace").asText("")
                + "/" + resource.path("metadata").path("name").asText();
    }

    static List<ObjectNode> readAll(Path file) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(file + ": a document that is not a map");
                }
                documents.add((ObjectNode) document);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(file.toString(), ex);
        }
        return documents;
    }

    private static JsonNode readOne(Path file) {
        try {
            return YAML.readTree(file.toFile());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(file.toString(), ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child instanceof ObjectNode node) {
            return node;
        }
        return parent.putObject(field);
    }

    private static void require(Path file, boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(file + ": " + message);
        }
    }

    /** For messages: the resources as a map of id to resource. */
    static Map<String, ObjectNode> byId(List<ObjectNode> resources) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        resources.forEach(resource -> byId.put(id(resource), resource));
        return byId;
    }

    static @Nullable ObjectNode find(List<ObjectNode> resources, String kind, String name) {
        return resources.stream().filter(resource -> resource.path("kind").asText().equals(kind)
                && resource.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
    }

    static ArrayNode array(JsonNode node) {
        return node instanceof ArrayNode array ? array : JsonNodeFactory.instance.arrayNode();
    }
}
