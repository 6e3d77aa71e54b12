package com.linkwithmentor.gateway.apidocs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' OpenAPI documents into one, as a client of the gateway sees the API:
 * every path once (the gateway routes them unchanged), each operation tagged with its service and
 * its {@code operationId} made unique by a service prefix, one server (the gateway itself).
 * Schemas that two services name alike are kept once when they are the same ({@code ApiError}) and
 * renamed per service when they differ ({@code Page} becomes {@code UserPage} and
 * {@code PaymentPage}), with every {@code $ref} rewritten. The services' scopes join in one
 * {@code service_token} scheme. A service that did not answer is named in the description and
 * in {@code x-lwm-services}, so a partial document says so.
 */
final class ApiDocumentMerger {

    private static final String SCHEMA_REF = "#/components/schemas/";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonMapper json;

    ApiDocumentMerger(JsonMapper json) {
        this.json = json;
    }

    /** One service's document, or null when the service could not be asked. */
    record ServiceDocument(String service, @Nullable JsonNode document) {
    }

    ObjectNode merge(List<ServiceDocument> documents) {
        Map<String, JsonNode> available = new TreeMap<>();
        Map<String, String> status = new TreeMap<>();
        for (ServiceDocument document : documents) {
            boolean usable = document.document() != null && document.document().path("paths").isObject();
            status.put(document.service(), usable ? "included" : "unavailable");
            if (usable) {
                available.put(document.service(), document.document());
            }
        }
        Map<String, Map<String, String>> renames = renames(available);

        ObjectNode merged = json.createObjectNode();
        String version = available.values().stream().map(d -> d.path("openapi").asString("")).filter(v -> !v.isEmpty())
            .findFirst().orElse("3.1.0");
        merged.put("openapi", version);
        ObjectNode info = merged.putObject("info");
        info.put("title", "LinkWithMentor API");
        info.put("version", "v1");
        info.put("description", description(status));
        merged.putArray("servers").addObject().put("url", "/").put("description", "The gateway (every request goes through it)");
        merged.putArray("security").addObject().putArray("bearer_token");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode schemes = components.putObject("securitySchemes");
        TreeSet<String> scopes = new TreeSet<>();
        List<String> conflicts = new ArrayList<>();

        for (Map.Entry<String, JsonNode> entry : available.entrySet()) {
            String service = entry.getKey();
            JsonNode document = rewriteRefs(entry.getValue().deepCopy(), renames.getOrDefault(service, Map.of()));
            int operations = 0;
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                ObjectNode target = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey()) : paths.putObject(path.getKey());
                for (Map.Entry<String, JsonNode> item : path.getValue().properties()) {
                    if (!METHODS.contains(item.getKey())) {
                        if (!target.has(item.getKey())) {
                            target.set(item.getKey(), item.getValue());
                        }
                        continue;
                    }
                    if (target.has(item.getKey())) {
                        conflicts.add(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " (" + service + " and "
                                + target.get(item.getKey()).path("x-lwm-service").asString() + ")");
                        continue;
                    }
                    ObjectNode operation = (ObjectNode) item.getValue();
                    operation.putArray("tags").add(service);
                    if (operation.hasNonNull("operationId")) {
                        operation.put("operationId", prefix(service) + "_" + operation.get("operationId").asString());
                    }
                    operation.put("x-lwm-service", service);
                    target.set(item.getKey(), operation);
                    operations++;
                }
            }
            tags.addObject().put("name", service).put("description", operations + " operations, from " + service + "'s own /v3/api-docs");
            JsonNode ownSchemas = document.path("components").path("schemas");
            for (Map.Entry<String, JsonNode> schema : ownSchemas.properties()) {
                if (!schemas.has(schema.getKey())) {
                    schemas.set(schema.getKey(), schema.getValue());
                }
            }
            JsonNode ownSchemes = document.path("components").path("securitySchemes");
            for (Map.Entry<String, JsonNode> scheme : ownSchemes.properties()) {
                if (!schemes.has(scheme.getKey())) {
                    schemes.set(scheme.getKey(), scheme.getValue().deepCopy());
                }
            }
            ownSchemes.path("service_token").path("flows").path("clientCredentials").path("scopes").propertyNames()
                .forEach(scopes::add);
        }
        JsonNode serviceToken = schemes.get("service_token");
        if (serviceToken instanceof ObjectNode token && token.path("flows").path("clientCredentials") instanceof ObjectNode flow) {
            ObjectNode all = flow.putObject("scopes");
            scopes.forEach(scope -> all.put(scope, "needed by the operations that name it; user-service's policy decides which services may hold it"));
            token.put("description", "A service's own token (OAuth 2.0 client credentials from user-service, called directly). "
                    + "The gateway refuses service tokens: operations marked x-lwm-access service are for calls between "
                    + "services, inside the cluster.");
        }
        ObjectNode services = merged.putObject("x-lwm-services");
        status.forEach(services::put);
        if (!conflicts.isEmpty()) {
            ArrayNode listed = merged.putArray("x-lwm-conflicts");
            conflicts.forEach(listed::add);
        }
        return merged;
    }

    boolean complete(ObjectNode merged) {
        for (JsonNode value : merged.path("x-lwm-services")) {
            if (!"included".equals(value.asString())) {
                return false;
            }
        }
        return true;
    }

    /** For each service, its schemas to rename: those another service names alike but defines differently. */
    private Map<String, Map<String, String>> renames(Map<String, JsonNode> documents) {
        Map<String, Map<String, String>> definitions = new HashMap<>();
        Set<String> taken = new HashSet<>();
        documents.forEach((service, document) -> document.path("components").path("schemas").properties().forEach(schema -> {
            definitions.computeIfAbsent(schema.getKey(), name -> new LinkedHashMap<>())
                .put(service, json.writeValueAsString(schema.getValue()));
            taken.add(schema.getKey());
        }));
        Map<String, Map<String, String>> renames = new HashMap<>();
        definitions.forEach((name, byService) -> {
            if (new HashSet<>(byService.values()).size() < 2) {
                return;
            }
            byService.keySet().forEach(service -> {
                String renamed = pascal(service.replaceFirst("-service$", "")) + name;
                if (taken.contains(renamed)) {
                    renamed = pascal(service) + name;
                }
                taken.add(renamed);
                renames.computeIfAbsent(service, s -> new HashMap<>()).put(name, renamed);
            });
        });
        return renames;
    }

    /** Renames the schemas themselves and every reference to them, anywhere in the document. */
    private JsonNode rewriteRefs(JsonNode document, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return document;
        }
        if (document.path("components").path("schemas") instanceof ObjectNode schemas) {
            Map<String, JsonNode> renamed = new LinkedHashMap<>();
            schemas.properties().forEach(entry -> renamed.put(renames.getOrDefault(entry.getKey(), entry.getKey()), entry.getValue()));
            schemas.removeAll();
            renamed.forEach(schemas::set);
        }
        rewrite(document, renames);
        return document;
    }

    private static void rewrite(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                String name = ref.asString().substring(SCHEMA_REF.length());
                if (renames.containsKey(name)) {
                    object.set("$ref", StringNode.valueOf(SCHEMA_REF + renames.get(name)));
                }
            }
            object.values().forEach(child -> rewrite(child, renames));
        }
        else if (node instanceof ArrayNode array) {
            array.values().forEach(child -> rewrite(child, renames));
        }
    }

    private static String description(Map<String, String> status) {
        StringBuilder text = new StringBuilder("Every service of LinkWithMentor, as the gateway routes them. Send a user's "
                + "access token as `Authorization: Bearer <token>` (POST /api/v1/auth/login); operations marked "
                + "`x-lwm-access: public` need none. Every error is an RFC 9457 problem document with the ApiError members "
                + "(`error_code`, `message`, `details`, `timestamp`, `request_id`).\n\nServices: ");
        List<String> parts = new ArrayList<>();
        status.forEach((service, state) -> parts.add(service + (state.equals("included") ? "" : " (unavailable: not in this document)")));
        return text.append(String.join(", ", parts)).append('.').toString();
    }

    /** {@code payment-service} → {@code payment}, as an operationId prefix. */
    private static String prefix(String service) {
        String base = service.replaceFirst("-service$", "");
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : base.toCharArray()) {
            if (c == '-') {
                upper = true;
            }
            else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String pascal(String name) {
        String camel = prefix(name + "-service");
        return camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
