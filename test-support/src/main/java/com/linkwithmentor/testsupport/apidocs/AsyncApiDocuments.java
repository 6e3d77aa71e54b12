package com.linkwithmentor.testsupport.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;

/**
 * Holds a socket's AsyncAPI 3 document against the code's typed frames, so the document can never
 * fall behind: every frame type the socket accepts or sends must be a message of the right
 * operation, no message may name a type the code does not have, and each message's payload must
 * list exactly the fields its record serializes (snake_case, as the services' Jackson writes
 * them), nested records included; and the document must validate against the official AsyncAPI
 * 3.0.0 JSON schema (from {@code @asyncapi/specs} 6.11.1, Apache-2.0, shipped beside this class).
 * No Spring context, no server: reflection, a YAML parse and a schema validation.
 *
 * <pre>
 * AsyncApiDocuments.of(Path.of("src/main/resources/chat-websocket-asyncapi.yaml"))
 *     .channel("/ws/chat")
 *     .receives(ClientFrame.class)
 *     .sends(ServerFrame.class)
 *     .sends("read", ReadReceipts.ReadFrame.class)
 *     .layerFrames()
 *     .closeCodes(CloseCodes.class)
 *     .assertComplete();
 * </pre>
 *
 * A sealed frame interface names its frames through {@code @JsonSubTypes} or each record's
 * {@code @JsonTypeName} (as the socket layer's {@code FrameReader.typeNames} reads them). A frame
 * built elsewhere as a record with its own {@code type} field is named explicitly, and its
 * messages may list a subset of the record's fields (null ones are left out). The document names
 * a message's frame type as {@code payload.properties.type.const}.
 */
public final class AsyncApiDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final PropertyNamingStrategy SNAKE = PropertyNamingStrategies.SNAKE_CASE;

    /** The layer's own frames: an error answers anything refused, a pong answers a ping. */
    private static final Set<String> ERROR_FIELDS = Set.of("type", "code", "message", "details", "in_reply_to");

    private static final Schema OFFICIAL_SCHEMA = officialSchema();

    private AsyncApiDocuments() {
    }

    private static Schema officialSchema() {
        try (InputStream in = AsyncApiDocuments.class.getResourceAsStream("asyncapi-3.0.0.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi-3.0.0.schema.json is missing from test-support");
            }
            JsonNode schema = JSON.readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("classpath:com/linkwithmentor/testsupport/apidocs/asyncapi-3.0.0.schema.json"), schema);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static Spec of(Path document) {
        return new Spec(document.toString(), read(document));
    }

    /** A document already read (e.g. one a test changed, to see the checks fail). */
    public static Spec of(String name, JsonNode document) {
        return new Spec(name, document);
    }

    /** The YAML (or JSON) document as a Jackson tree. */
    public static JsonNode read(Path document) {
        try {
            // SnakeYAML (Jackson's YAML format stays off the services' test classpaths, see the pom).
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(document));
            return JSON.valueToTree(tree);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + document + ": " + ex.getMessage(), ex);
        }
    }

    /** What the code says the document must hold. */
    public static final class Spec {

        private final String path;

        private final JsonNode document;

        private @Nullable String address;

        private final Map<String, Shape> received = new LinkedHashMap<>();

        private final Map<String, Shape> sent = new LinkedHashMap<>();

        private final Set<Integer> closeCodes = new TreeSet<>();

        private final List<String> problems = new ArrayList<>();

        private Spec(String path, JsonNode document) {
            this.path = path;
            this.document = document;
        }

        public JsonNode document() {
            return document;
        }

        public Spec channel(String address) {
            this.address = address;
            return this;
        }

        /** Every frame of this sealed interface is one the socket accepts. */
        public Spec receives(Class<?> sealedFrames) {
            frames(sealedFrames).forEach((name, type) -> received.put(name, new Shape(type, true)));
            return this;
        }

        /** Every frame of this sealed interface is one the socket sends. */
        public Spec sends(Class<?> sealedFrames) {
            frames(sealedFrames).forEach((name, type) -> sent.put(name, new Shape(type, true)));
            return this;
        }

        /**
         * Every frame of this sealed interface but the named ones is one the socket sends (e.g. a
         * fan-out message the socket turns into another frame); a name it lacks is an error.
         */
        public Spec sendsExcept(Class<?> sealedFrames, String... notSent) {
            Map<String, Class<?>> frames = frames(sealedFrames);
            for (String name : notSent) {
                if (frames.remove(name) == null) {
                    throw new IllegalArgumentException(sealedFrames.getName() + " has no frame '" + name + "'");
                }
            }
            frames.forEach((name, type) -> sent.put(name, new Shape(type, true)));
            return this;
        }

        /** A frame the socket sends built as this record, which carries its {@code type} itself. */
        public Spec sends(String type, Class<? extends Record> shape) {
            sent.put(type, new Shape(shape, false));
            return this;
        }

        /**
         * The socket layer's frames: {@code error} (always), and {@code ping} answered with
         * {@code pong} when the endpoint's own frames have no ping.
         */
        public Spec layerFrames() {
            sent.putIfAbsent("error", new Shape(null, false));
            if (!received.containsKey("ping")) {
                received.put("ping", new Shape(null, false));
                sent.putIfAbsent("pong", new Shape(null, false));
            }
            return this;
        }

        /** Every {@code public static final int} of these classes is a close code the document describes. */
        public Spec closeCodes(Class<?>... holders) {
            for (Class<?> holder : holders) {
                for (Field field : holder.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                            && field.getType() == int.class) {
                        try {
                            closeCodes.add(field.getInt(null));
                        }
                        catch (IllegalAccessException ex) {
                            throw new IllegalStateException(ex);
                        }
                    }
                }
            }
            return this;
        }

        /** One line per thing the document gets wrong; empty when it is complete. */
        public List<String> problems() {
            problems.clear();
            checkSchema();
            checkHeader();
            String channelKey = checkChannel();
            if (channelKey != null) {
                checkOperation(channelKey, "receive", received);
                checkOperation(channelKey, "send", sent);
            }
            return List.copyOf(problems);
        }

        public void assertComplete() {
            List<String> found = problems();
            if (!found.isEmpty()) {
                throw new AssertionError(found.size() + " problems in " + path + ":\n  " + String.join("\n  ", found));
            }
        }

        /** The official AsyncAPI 3.0.0 JSON schema ({@code @asyncapi/specs}, Apache-2.0), shipped beside this class. */
        private void checkSchema() {
            for (Error error : OFFICIAL_SCHEMA.validate(document)) {
                problems.add("AsyncAPI 3.0.0 schema: " + error);
            }
        }

        private void checkHeader() {
            String version = document.path("asyncapi").asString("");
            if (!version.startsWith("3.")) {
                problems.add("asyncapi is '" + version + "', not 3.x");
            }
            if (document.path("info").path("title").asString("").isBlank()
                    || document.path("info").path("version").asString("").isBlank()) {
                problems.add("info needs a title and a version");
            }
            JsonNode servers = document.path("servers");
            if (servers.isEmpty()) {
                problems.add("no servers");
            }
            Set<String> protocols = new TreeSet<>();
            for (Map.Entry<String, JsonNode> server : servers.properties()) {
                JsonNode value = resolve(server.getValue());
                protocols.add(value.path("protocol").asString(""));
                if (value.path("host").asString("").isBlank()) {
                    problems.add("server " + server.getKey() + " has no host");
                }
                if (value.path("security").isEmpty()) {
                    problems.add("server " + server.getKey() + " names no security");
                }
            }
            if (!protocols.contains("wss") || !protocols.contains("ws")) {
                problems.add("servers must offer wss and ws, found " + protocols);
            }
            boolean bearer = false;
            boolean query = false;
            for (Map.Entry<String, JsonNode> scheme : document.path("components").path("securitySchemes").properties()) {
                JsonNode value = scheme.getValue();
                bearer |= "http".equals(value.path("type").asString("")) && "bearer".equals(value.path("scheme").asString(""));
                query |= "httpApiKey".equals(value.path("type").asString("")) && "query".equals(value.path("in").asString(""))
                        && "access_token".equals(value.path("name").asString(""));
            }
            if (!bearer || !query) {
                problems.add("securitySchemes must hold an http bearer scheme and an httpApiKey 'access_token' in query");
            }
        }

        private @Nullable String checkChannel() {
            String channelKey = null;
            for (Map.Entry<String, JsonNode> channel : document.path("channels").properties()) {
                if (resolve(channel.getValue()).path("address").asString("").equals(address)) {
                    channelKey = channel.getKey();
                }
            }
            if (channelKey == null) {
                problems.add("no channel with address " + address);
                return null;
            }
            JsonNode channel = resolve(document.path("channels").path(channelKey));
            Set<Integer> described = new TreeSet<>();
            for (JsonNode code : channel.path("x-close-codes")) {
                described.add(code.path("code").asInt(-1));
                if (code.path("description").asString("").isBlank()) {
                    problems.add("close code " + code.path("code").asInt(-1) + " has no description");
                }
            }
            for (int code : closeCodes) {
                if (!described.contains(code)) {
                    problems.add("close code " + code + " is not in the channel's x-close-codes");
                }
            }
            for (int code : described) {
                if (!closeCodes.contains(code) && code != 1002 && code != 1006) {
                    problems.add("x-close-codes names " + code + ", which the code does not have");
                }
            }
            return channelKey;
        }

        private void checkOperation(String channelKey, String action, Map<String, Shape> expected) {
            Map<String, JsonNode> messages = new LinkedHashMap<>();
            int operations = 0;
            for (Map.Entry<String, JsonNode> operation : document.path("operations").properties()) {
                JsonNode value = resolve(operation.getValue());
                if (!action.equals(value.path("action").asString(""))) {
                    continue;
                }
                String channelRef = value.path("channel").path("$ref").asString("");
                if (!channelRef.equals("#/channels/" + channelKey)) {
                    problems.add("operation " + operation.getKey() + " is on " + channelRef + ", not #/channels/" + channelKey);
                    continue;
                }
                operations++;
                for (JsonNode reference : value.path("messages")) {
                    String ref = reference.path("$ref").asString("");
                    if (!ref.startsWith("#/channels/" + channelKey + "/messages/")) {
                        problems.add("operation " + operation.getKey() + " names " + ref + ", not one of its channel's messages");
                    }
                    JsonNode message = resolve(reference);
                    String type = resolve(message.path("payload")).path("properties").path("type").path("const").asString("");
                    if (type.isEmpty()) {
                        problems.add("message " + ref + " has no payload.properties.type.const");
                        continue;
                    }
                    if (!type.equals(message.path("name").asString(type))) {
                        problems.add("message " + ref + " is named '" + message.path("name").asString("") + "' but its type is '" + type + "'");
                    }
                    if (messages.put(type, message) != null) {
                        problems.add("frame type '" + type + "' is listed twice under the " + action + " operation");
                    }
                }
            }
            if (operations == 0) {
                problems.add("no operation with action " + action + " on " + address);
                return;
            }
            String side = action.equals("receive") ? "the socket accepts" : "the socket sends";
            for (String type : expected.keySet()) {
                if (!messages.containsKey(type)) {
                    problems.add("frame type '" + type + "' (" + side + ") is missing from the " + action + " operation");
                }
            }
            for (String type : messages.keySet()) {
                if (!expected.containsKey(type)) {
                    problems.add("the " + action + " operation names frame type '" + type + "', which the code does not have");
                }
            }
            for (Map.Entry<String, JsonNode> message : messages.entrySet()) {
                Shape shape = expected.get(message.getKey());
                if (shape == null) {
                    continue;
                }
                JsonNode payload = resolve(message.getValue().path("payload"));
                String where = action + " '" + message.getKey() + "'";
                if (!"object".equals(payload.path("type").asString(""))) {
                    problems.add(where + ": payload is not a JSON Schema object");
                }
                if (!containsText(payload.path("required"), "type")) {
                    problems.add(where + ": 'type' is not required");
                }
                if (shape.record() != null) {
                    checkFields(where, payload, shape.record(), shape.exact(), true);
                }
                else if (message.getKey().equals("error")) {
                    Set<String> names = names(payload);
                    for (String field : ERROR_FIELDS) {
                        if (!names.contains(field)) {
                            problems.add(where + ": lacks field '" + field + "'");
                        }
                    }
                }
            }
        }

        private void checkFields(String where, JsonNode schema, Class<?> record, boolean exact, boolean frame) {
            Map<String, Type> fields = fields(record);
            Set<String> documented = names(schema);
            Set<String> wanted = new LinkedHashSet<>(fields.keySet());
            if (frame) {
                wanted.add("type");
                fields.remove("type");
            }
            for (String name : documented) {
                if (!wanted.contains(name)) {
                    problems.add(where + ": field '" + name + "' is not one " + record.getSimpleName() + " serializes " + wanted);
                }
            }
            if (exact) {
                for (String name : wanted) {
                    if (!documented.contains(name)) {
                        problems.add(where + ": lacks field '" + name + "' of " + record.getSimpleName());
                    }
                }
            }
            for (Map.Entry<String, Type> field : fields.entrySet()) {
                if (!documented.contains(field.getKey())) {
                    continue;
                }
                JsonNode property = resolve(schema.path("properties").path(field.getKey()));
                Class<?> nested = nestedRecord(field.getValue());
                if (nested == null) {
                    continue;
                }
                if (field.getValue() instanceof ParameterizedType) {
                    property = resolve(property.path("items"));
                }
                checkFields(where + "." + field.getKey(), property, nested, true, false);
            }
        }

        private Set<String> names(JsonNode schema) {
            Set<String> names = new TreeSet<>();
            schema.path("properties").propertyNames().forEach(names::add);
            for (JsonNode part : schema.path("allOf")) {
                names.addAll(names(resolve(part)));
            }
            return names;
        }

        private JsonNode resolve(JsonNode node) {
            JsonNode current = node;
            for (int hops = 0; hops < 16 && current.has("$ref"); hops++) {
                String ref = current.path("$ref").asString("");
                if (!ref.startsWith("#/")) {
                    problems.add("only local references are followed: " + ref);
                    return current;
                }
                JsonNode target = document;
                for (String step : ref.substring(2).split("/")) {
                    target = target.path(URLDecoder.decode(step, StandardCharsets.UTF_8).replace("~1", "/").replace("~0", "~"));
                }
                if (target.isMissingNode()) {
                    problems.add("reference " + ref + " leads nowhere");
                }
                current = target;
            }
            return current;
        }
    }

    private record Shape(@Nullable Class<?> record, boolean exact) {
    }

    /** The frame names of a sealed interface, each with its record. */
    static Map<String, Class<?>> frames(Class<?> sealedFrames) {
        Map<String, Class<?>> frames = new LinkedHashMap<>();
        JsonSubTypes subTypes = sealedFrames.getAnnotation(JsonSubTypes.class);
        if (subTypes != null) {
            for (JsonSubTypes.Type type : subTypes.value()) {
                List<String> names = new ArrayList<>(List.of(type.names()));
                if (!type.name().isEmpty()) {
                    names.add(type.name());
                }
                JsonTypeName named = type.value().getAnnotation(JsonTypeName.class);
                if (named != null && !named.value().isEmpty()) {
                    names.add(named.value());
                }
                names.forEach(name -> frames.put(name, type.value()));
            }
            return frames;
        }
        collect(sealedFrames, frames);
        if (frames.isEmpty()) {
            throw new IllegalStateException(sealedFrames.getName() + " names no frames (@JsonSubTypes or @JsonTypeName)");
        }
        return frames;
    }

    private static void collect(Class<?> type, Map<String, Class<?>> frames) {
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted == null) {
            return;
        }
        for (Class<?> subclass : permitted) {
            JsonTypeName named = subclass.getAnnotation(JsonTypeName.class);
            if (named != null && !named.value().isEmpty()) {
                frames.put(named.value(), subclass);
            }
            collect(subclass, frames);
        }
    }

    /** A record's JSON field names (snake_case, or its {@code @JsonProperty}) with their types. */
    static Map<String, Type> fields(Class<?> record) {
        Map<String, Type> fields = new LinkedHashMap<>();
        RecordComponent[] components = record.getRecordComponents();
        if (components == null) {
            throw new IllegalStateException(record.getName() + " is not a record");
        }
        for (RecordComponent component : components) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : SNAKE.nameForField(null, null, component.getName());
            fields.put(name, component.getGenericType());
        }
        return fields;
    }

    private static @Nullable Class<?> nestedRecord(Type type) {
        if (type instanceof Class<?> plain) {
            return plain.isRecord() ? plain : null;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw) && parameterized.getActualTypeArguments()[0] instanceof Class<?> item) {
            return item.isRecord() ? item : null;
        }
        return null;
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asString(""))) {
                return true;
            }
        }
        return false;
    }
}
