package com.linkwithmentor.testsupport.apidocs;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds a running service's {@code /v3/api-docs} against its handler mappings, so a document can
 * never fall behind the code: every endpoint a controller serves must be in it (path and method),
 * with who may call it ({@code x-lwm-access} and its security), the ApiError problem document as its
 * error answer, a response body where the handler returns one, a request body schema where it reads
 * one, and every schema property in snake_case as the JSON is. One call per service:
 *
 * <pre>
 * ApiDocuments.assertComplete(mapping, port);
 * </pre>
 */
public final class ApiDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern CAMEL = Pattern.compile("[A-Z]");

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private ApiDocuments() {
    }

    /** The checks' outcome: the document as served, and one line per thing it gets wrong. */
    public record Check(JsonNode document, int endpoints, List<String> problems) {

        public String describe() {
            return problems.size() + " problems in the API document (" + endpoints + " endpoints):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 80)));
        }
    }

    /** Fails (AssertionError) when the document misses or misdescribes anything the service serves. */
    public static Check assertComplete(RequestMappingHandlerMapping mapping, int port) {
        Check check = check(mapping, port);
        if (!check.problems().isEmpty()) {
            throw new AssertionError(check.describe());
        }
        return check;
    }

    public static Check check(RequestMappingHandlerMapping mapping, int port) {
        JsonNode document = fetch(port);
        List<String> problems = new ArrayList<>();
        JsonNode paths = document.path("paths");
        int endpoints = 0;
        Set<String> documented = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()));
            }
        }));
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/error") || pattern.startsWith("/actuator") || pattern.startsWith("/v3/api-docs")) {
                    continue;
                }
                String path = normalize(pattern);
                JsonNode pathItem = findPath(paths, path);
                if (methods.isEmpty()) {
                    endpoints++;
                    if (pathItem == null) {
                        problems.add("missing: " + path + " (any method) served by " + describe(handler));
                    }
                    continue;
                }
                for (RequestMethod method : methods) {
                    endpoints++;
                    String name = method.name() + " " + path;
                    JsonNode operation = pathItem != null ? pathItem.get(method.name().toLowerCase(Locale.ROOT)) : null;
                    if (operation == null) {
                        problems.add("missing: " + name + " served by " + describe(handler));
                        continue;
                    }
                    checkOperation(name, operation, handler, problems);
                }
            }
        }
        checkComponents(document, problems);
        return new Check(document, endpoints, List.copyOf(problems));
    }

    private static void checkOperation(String name, JsonNode operation, HandlerMethod handler, List<String> problems) {
        String access = operation.path("x-lwm-access").asString("");
        if (access.isEmpty()) {
            problems.add(name + ": says nothing of who may call it (x-lwm-access)");
        }
        JsonNode security = operation.get("security");
        if (security == null) {
            problems.add(name + ": has no security requirement");
        }
        else if (access.equals("public") != security.isEmpty()) {
            problems.add(name + ": is " + access + " but its security requirement is " + security);
        }
        JsonNode responses = operation.path("responses");
        JsonNode problem = responses.path("default").path("content").path("application/problem+json").path("schema");
        if (!problem.path("$ref").asString("").endsWith("/ApiError")) {
            problems.add(name + ": its errors are not the ApiError problem document (responses.default)");
        }
        if (!access.equals("public") && responses.get("401") == null) {
            problems.add(name + ": needs a token but documents no 401");
        }
        JsonNode success = null;
        String successCode = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> response = it.next();
            if (response.getKey().startsWith("2") || response.getKey().startsWith("3")) {
                success = response.getValue();
                successCode = response.getKey();
                break;
            }
        }
        if (success == null) {
            problems.add(name + ": documents no successful response");
        }
        else if (!"204".equals(successCode) && returnsBody(handler) && success.path("content").isEmpty()) {
            problems.add(name + ": returns " + handler.getReturnType().getGenericParameterType().getTypeName()
                    + " but documents no response body");
        }
        operation.path("parameters").forEach(parameter -> {
            if (parameter.path("schema").has("$ref") && !"path".equals(parameter.path("in").asString())) {
                problems.add(name + ": parameter '" + parameter.path("name").asString() + "' is documented as an object in the "
                        + parameter.path("in").asString() + " (an argument resolved on the server, not sent by the client?)");
            }
        });
        boolean readsBody = Arrays.stream(handler.getMethodParameters())
            .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        if (readsBody && operation.path("requestBody").path("content").isEmpty()) {
            problems.add(name + ": reads a request body but documents none");
        }
    }

    private static void checkComponents(JsonNode document, List<String> problems) {
        JsonNode schemes = document.path("components").path("securitySchemes");
        if (schemes.get("bearer_token") == null) {
            problems.add("components.securitySchemes has no bearer_token (users' access tokens)");
        }
        if (document.path("components").path("schemas").get("ApiError") == null) {
            problems.add("components.schemas has no ApiError");
        }
        document.path("components").path("schemas").properties()
            .forEach(schema -> checkNames("components.schemas." + schema.getKey(), schema.getValue(), problems));
    }

    /** Property names as the wire spells them: snake_case, never a Java field name. */
    private static void checkNames(String where, JsonNode schema, List<String> problems) {
        if (!schema.isObject()) {
            return;
        }
        schema.path("properties").properties().forEach(property -> {
            if (CAMEL.matcher(property.getKey()).find()) {
                problems.add(where + ": property '" + property.getKey() + "' is not snake_case");
            }
            checkNames(where + "." + property.getKey(), property.getValue(), problems);
        });
        checkNames(where + "[]", schema.path("items"), problems);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            schema.path(combinator).forEach(part -> checkNames(where, part, problems));
        }
    }

    private static boolean returnsBody(HandlerMethod handler) {
        Type type = handler.getReturnType().getGenericParameterType();
        if (type == void.class || type == Void.class) {
            return false;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == ResponseEntity.class) {
            Type body = parameterized.getActualTypeArguments()[0];
            // ResponseEntity<?>: the handler decides per answer; nothing to hold the document to.
            return body != Void.class && !(body instanceof java.lang.reflect.WildcardType);
        }
        return type != ResponseEntity.class;
    }

    private static JsonNode findPath(JsonNode paths, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (normalize(entry.getKey()).equals(path)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Path variables compared by position, not name or regex: {@code /a/{id:\d+}} is {@code /a/{}}. */
    static String normalize(String path) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                if (depth++ == 0) {
                    out.append("{}");
                }
            }
            else if (c == '}') {
                depth--;
            }
            else if (depth == 0) {
                out.append(c);
            }
        }
        String normalized = out.toString();
        return normalized.length() > 1 && normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    private static String describe(HandlerMethod handler) {
        return handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
    }

    private static JsonNode fetch(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                        .timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
            }
            // Kept for a reader (and the gateway's merge tests): target/openapi.json of the module under test.
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("openapi.json"), response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (IOException ex) {
            throw new AssertionError("GET /v3/api-docs failed: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
