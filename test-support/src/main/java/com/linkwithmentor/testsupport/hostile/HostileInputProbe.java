package com.linkwithmentor.testsupport.hostile;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends every endpoint of a running servlet service a generated set of hostile requests and
 * collects what broke the rule: any 5xx, any error whose body is not the ApiError problem document,
 * any response that echoes a Java class name or a stack frame. The endpoints come from the
 * service's own handler mappings, so a new endpoint is probed the day it is written.
 *
 * <p>What is sent: for path variables, ids that are not ids ({@code %00}, encoded slashes and dots,
 * {@code {}, {@code |}, bad percent-encoding, huge numbers, 5,000 characters); for query
 * parameters, text that is not text and numbers and dates out of any range, and cursors that decode
 * into such values; for bodies, malformed JSON, the wrong JSON shape, deep nesting, a huge string,
 * the wrong content type, broken multipart, and, field by field from the request record, a NUL, an
 * unpaired surrogate, the wrong type, a null inside a list and out-of-range numbers and dates; and a
 * few hostile headers (a 64 KB header, forged tokens, unknown Accept).
 */
public final class HostileInputProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern INSIDES = Pattern.compile(
            "\\b(?:java|javax|jakarta|org\\.springframework|org\\.apache|org\\.hibernate|org\\.postgresql|tools\\.jackson|"
                    + "com\\.fasterxml|com\\.linkwithmentor|io\\.lettuce|com\\.zaxxer)\\.[A-Za-z_$][\\w$]*(?:\\.[\\w$]+)*"
                    + "|\\tat [\\w.$]+\\(|Exception:|<html", Pattern.CASE_INSENSITIVE);

    private static final String BAD_DATE = "+1000000000-01-01T00:00:00Z";

    private static final List<String> HOSTILE_IDS = List.of("%00", "%2e%2e%2f", "a%2Fb", "..", "{", "|", "%zz", "%FF%FE",
            "%ED%A0%80", "99999999999999999999", "-1", "x".repeat(5_000), "'%20OR%201=1--", "%3Cscript%3E");

    private static final List<String> HOSTILE_PARAMETERS = List.of("%FF%FE", "%00", "%ED%A0%80", "1e-999999", "1e999999",
            "99999999999999999999", "-99999999999", "NaN", "Infinity", BAD_DATE.replace("+", "%2B"), "x".repeat(10_000),
            "%zz", "", "[]", "{}");

    /** One request target of the service: method, path pattern, and the parameters its handler reads. */
    public record Endpoint(String method, String path, List<String> queryParameters, @Nullable Type bodyType,
            boolean multipart) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final int port;

    private final List<Endpoint> endpoints;

    private Function<Endpoint, @Nullable String> tokens = endpoint -> null;

    private final Map<String, String> pathValues = new LinkedHashMap<>();

    private HostileInputProbe(int port, List<Endpoint> endpoints) {
        this.port = port;
        this.endpoints = endpoints;
    }

    /** Every endpoint the handler mapping serves, but the platform's own ({@code /error}, actuator). */
    public static List<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
        List<Endpoint> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            List<String> query = new ArrayList<>();
            Type body = null;
            boolean multipart = false;
            for (MethodParameter parameter : handler.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (parameter.getParameterType() == MultipartFile.class || parameter.getParameterType() == MultipartFile[].class) {
                    multipart = true;
                }
                else if (param != null) {
                    String name = !param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : String.valueOf(parameter.getParameterName());
                    query.add(name);
                }
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    body = parameter.getGenericParameterType();
                }
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/error") || path.startsWith("/actuator")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    found.add(new Endpoint(method.name(), path, List.copyOf(query), body, multipart));
                }
            }
        }
        found.sort((a, b) -> a.toString().compareTo(b.toString()));
        return found;
    }

    public static HostileInputProbe against(int port, List<Endpoint> endpoints) {
        return new HostileInputProbe(port, endpoints);
    }

    /** The access token to send to an endpoint (null: none). */
    public HostileInputProbe tokens(Function<Endpoint, @Nullable String> tokens) {
        this.tokens = tokens;
        return this;
    }

    /** A real value for a path variable, so requests get past "not found" to the checks behind it. */
    public HostileInputProbe pathValue(String variable, String value) {
        pathValues.put(variable, value);
        return this;
    }

    private record Probe(Endpoint endpoint, String what, String method, String target, Map<String, String> headers,
            byte @Nullable [] body) {
    }

    /** Runs every probe; returns one line per broken rule (empty when the service held). */
    public Result run() {
        List<Probe> probes = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            probes.addAll(probesFor(endpoint));
        }
        probes.addAll(headerProbes());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Probe probe : probes) {
                pending.add(pool.submit(() -> judge(probe, failures)));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        }
        catch (Exception ex) {
            failures.add("the probe itself failed: " + ex);
        }
        finally {
            pool.shutdownNow();
        }
        return new Result(probes.size(), new TreeSet<>(failures).stream().toList());
    }

    /** How many requests were sent, and what broke the rules. */
    public record Result(int requests, List<String> failures) {

        public String describe() {
            return failures.size() + " of " + requests + " hostile requests broke the rules:\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(failures.size(), 60)));
        }
    }

    private void judge(Probe probe, List<String> failures) {
        RawHttp.Response response;
        try {
            response = RawHttp.send(port, probe.method(), probe.target(), probe.headers(), probe.body());
        }
        catch (IOException ex) {
            failures.add(probe.endpoint() + " [" + probe.what() + "]: no answer (" + ex.getMessage() + ")");
            return;
        }
        String where = probe.endpoint() + " [" + probe.what() + "] -> " + response.status();
        if (response.status() >= 500) {
            failures.add(where + ": a server error for a client's mistake: " + abbreviate(response.body()));
            return;
        }
        if (response.status() >= 400) {
            String type = String.valueOf(response.header("Content-Type"));
            if (!type.contains("json")) {
                failures.add(where + ": error body is " + type + ", not an ApiError: " + abbreviate(response.body()));
                return;
            }
            if (probe.method().equals("HEAD")) {
                // A HEAD answer is the GET answer's headers without its body (RFC 9110 9.3.2): nothing more to read.
                return;
            }
            try {
                JsonNode body = JSON.readTree(response.body());
                if (!body.path("error_code").isString() || !body.path("message").isString() || !body.has("request_id")) {
                    failures.add(where + ": error body lacks error_code/message/request_id: " + abbreviate(response.body()));
                    return;
                }
            }
            catch (RuntimeException ex) {
                failures.add(where + ": error body is not JSON: " + abbreviate(response.body()));
                return;
            }
            Matcher insides = INSIDES.matcher(response.body());
            if (insides.find()) {
                failures.add(where + ": echoes the server's insides ('" + insides.group() + "'): " + abbreviate(response.body()));
            }
        }
    }

    private List<Probe> probesFor(Endpoint endpoint) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        String token = tokens.apply(endpoint);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        String path = plausiblePath(endpoint.path());
        // Path variables, one at a time.
        Matcher variables = Pattern.compile("\\{([^}/]+)}").matcher(endpoint.path());
        while (variables.find()) {
            String variable = variables.group(1);
            for (String hostile : HOSTILE_IDS) {
                String target = plausiblePath(endpoint.path().replace("{" + variable + "}", hostile));
                probes.add(new Probe(endpoint, "path " + variable + "=" + abbreviate(hostile), endpoint.method(), target, headers,
                        bodyless(endpoint) ? null : "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        // Query parameters, one at a time, and cursors that decode into out-of-range values.
        for (String parameter : endpoint.queryParameters()) {
            List<String> values = new ArrayList<>(HOSTILE_PARAMETERS);
            if (parameter.equals("cursor")) {
                for (String inside : List.of("1e999999|" + UUID.randomUUID(), BAD_DATE + "|" + UUID.randomUUID(),
                        "99999999999999999999|x|y", "1|1e999999|" + UUID.randomUUID(), "before|-5", "\u0000|\ud800")) {
                    values.add(Base64.getUrlEncoder().withoutPadding().encodeToString(inside.getBytes(StandardCharsets.UTF_8)));
                }
            }
            for (String value : values) {
                probes.add(new Probe(endpoint, "query " + parameter + "=" + abbreviate(value), endpoint.method(),
                        path + "?" + parameter + "=" + value, headers, bodyless(endpoint) ? null : "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (bodyless(endpoint)) {
            return probes;
        }
        // Bodies: malformed, wrong shape, wrong type, hostile fields.
        Map<String, String> json = new LinkedHashMap<>(headers);
        json.put("Content-Type", "application/json");
        List<String> shapes = List.of("{", "", "null", "[]", "\"text\"", "123", "{\"a\":", "[".repeat(2_000) + "]".repeat(2_000),
                "{\"x\":\"" + "y".repeat(3_000_000) + "\"}", "{\"a\":\"\\u0000\"}", "{\"\\ud800\":1}");
        for (String shape : shapes) {
            probes.add(new Probe(endpoint, "body " + abbreviate(shape), endpoint.method(), path, json,
                    shape.getBytes(StandardCharsets.UTF_8)));
        }
        probes.add(new Probe(endpoint, "body of bytes that are not UTF-8", endpoint.method(), path, json,
                new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}' }));
        for (String contentType : List.of("text/plain", "application/xml", "multipart/form-data; boundary=xyz",
                "multipart/form-data", "application/x-www-form-urlencoded", "%%%")) {
            Map<String, String> typed = new LinkedHashMap<>(headers);
            typed.put("Content-Type", contentType);
            String content = contentType.startsWith("multipart") ? "--xyz\r\nContent-Disposition: form-data\r\n\r\ncut short"
                    : contentType.startsWith("application/x-www") ? "a=%FF%00&b=%zz" : "{\"a\":1}";
            probes.add(new Probe(endpoint, "content-type " + contentType, endpoint.method(), path, typed,
                    content.getBytes(StandardCharsets.UTF_8)));
        }
        if (endpoint.bodyType() != null) {
            Map<String, Object> plausible = plausibleObject(endpoint.bodyType(), 0);
            for (String field : plausible.keySet()) {
                for (Map.Entry<String, Object> hostile : hostileValues().entrySet()) {
                    Map<String, Object> body = new LinkedHashMap<>(plausible);
                    body.put(field, hostile.getValue());
                    probes.add(new Probe(endpoint, "field " + field + "=" + hostile.getKey(), endpoint.method(), path, json,
                            write(body).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return probes;
    }

    private List<Probe> headerProbes() {
        List<Probe> probes = new ArrayList<>();
        Endpoint any = endpoints.stream().filter(e -> e.method().equals("GET")).findFirst().orElse(null);
        if (any == null) {
            return probes;
        }
        String path = plausiblePath(any.path());
        String token = tokens.apply(any);
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("64 KB header", Map.of("X-Junk", "a".repeat(64 * 1024)));
        variants.put("forged token, alg none", Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));
        variants.put("token of garbage", Map.of("Authorization", "Bearer \u00ff\u00fe%00"));
        variants.put("basic auth", Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
        variants.put("empty bearer", Map.of("Authorization", "Bearer "));
        if (token != null) {
            variants.put("accept xml", Map.of("Authorization", "Bearer " + token, "Accept", "application/xml"));
            variants.put("accept garbage", Map.of("Authorization", "Bearer " + token, "Accept", "%%%/;;"));
        }
        variants.forEach((what, headers) -> probes.add(new Probe(any, what, "GET", path, headers, null)));
        probes.add(new Probe(any, "5,000-character path", "GET", "/" + "a".repeat(5_000), Map.of(), null));
        probes.add(new Probe(any, "unknown method", "BREW", path, Map.of(), null));
        return probes;
    }

    private static boolean bodyless(Endpoint endpoint) {
        return endpoint.method().equals("GET") || endpoint.method().equals("DELETE") || endpoint.method().equals("HEAD")
                || endpoint.method().equals("OPTIONS");
    }

    private String plausiblePath(String pattern) {
        Matcher matcher = Pattern.compile("\\{([^}/]+)}").matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).split(":")[0];
            matcher.appendReplacement(out, Matcher.quoteReplacement(pathValues.getOrDefault(name, UUID.randomUUID().toString())));
        }
        matcher.appendTail(out);
        return out.toString().replace("/**", "/x").replace("/*", "/x");
    }

    /** What each field of a request record is set to in turn; raw JSON where JSON text cannot say it. */
    private static Map<String, Object> hostileValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("NUL", "before\u0000after");
        values.put("lone-surrogate", "x\ud800y");
        values.put("object", Map.of("nested", 1));
        values.put("list-with-null", new Raw("[null]"));
        values.put("1e999999", new Raw("1e999999"));
        values.put("1e-999999", new Raw("1e-999999"));
        values.put("huge-integer", new Raw("123456789012345678901234567890"));
        values.put("year-1000000000", BAD_DATE);
        values.put("-1", new Raw("-1"));
        return values;
    }

    /** A JSON token written as is. */
    private record Raw(String json) {
    }

    private static Map<String, Object> plausibleObject(Type type, int depth) {
        Class<?> raw = rawClass(type);
        Map<String, Object> object = new LinkedHashMap<>();
        if (raw == null || depth > 3) {
            return object;
        }
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                object.put(jsonName(component.getName(), component.getAccessor().getAnnotation(
                        com.fasterxml.jackson.annotation.JsonProperty.class)), plausible(component.getGenericType(), depth + 1));
            }
        }
        else if (!raw.getName().startsWith("java.") && !JsonNode.class.isAssignableFrom(raw)) {
            for (Field field : raw.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    object.put(jsonName(field.getName(), field.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class)),
                            plausible(field.getGenericType(), depth + 1));
                }
            }
        }
        return object;
    }

    private static Object plausible(Type type, int depth) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return "probe";
        }
        if (raw == String.class || raw == CharSequence.class) {
            return "probe text";
        }
        if (raw == UUID.class) {
            return UUID.randomUUID().toString();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == BigDecimal.class || raw == BigInteger.class) {
            return new Raw("1");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            return Instant.now().plus(Duration.ofDays(2)).toString();
        }
        if (raw == LocalDate.class) {
            return LocalDate.now().plusDays(2).toString();
        }
        if (raw == LocalDateTime.class) {
            return LocalDateTime.now().plusDays(2).withNano(0).toString();
        }
        if (raw == LocalTime.class) {
            return "10:00";
        }
        if (raw == Duration.class) {
            return "PT30M";
        }
        if (raw == ZoneId.class) {
            return "UTC";
        }
        if (raw.isEnum()) {
            Object first = raw.getEnumConstants()[0];
            try {
                return new Raw(JSON.writeValueAsString(first));
            }
            catch (RuntimeException ex) {
                return first.toString().toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Type element = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0]
                    : raw.isArray() ? raw.getComponentType() : String.class;
            return List.of(plausible(element, depth + 1));
        }
        if (Map.class.isAssignableFrom(raw) || JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return Map.of();
        }
        return plausibleObject(raw, depth);
    }

    private static @Nullable Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static String jsonName(String javaName, com.fasterxml.jackson.annotation.@Nullable JsonProperty property) {
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** JSON text, escaping by hand so an unpaired surrogate goes out as {@code \ud800}, as a hostile client sends it. */
    private static String write(@Nullable Object value) {
        return switch (value) {
            case null -> "null";
            case Raw raw -> raw.json();
            case String text -> quote(text);
            case Boolean bool -> bool.toString();
            case Map<?, ?> map -> {
                StringBuilder out = new StringBuilder("{");
                map.forEach((key, element) -> out.append(out.length() > 1 ? "," : "").append(quote(String.valueOf(key)))
                    .append(':').append(write(element)));
                yield out.append('}').toString();
            }
            case Collection<?> list -> {
                StringBuilder out = new StringBuilder("[");
                list.forEach(element -> out.append(out.length() > 1 ? "," : "").append(write(element)));
                yield out.append(']').toString();
            }
            default -> quote(value.toString());
        };
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            }
            else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
