package com.linkwithmentor.realtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.common.input.SafeText;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one text message into one typed client frame, or refuses it with what was wrong, decided
 * once here for every socket:
 * <ul>
 * <li>not JSON, not valid UTF-8, nested deeper than {@code max-nesting}, a repeated key, not an
 * object, no string {@code type}, or a {@code type} the endpoint does not know → {@code bad_frame}
 * (the unknown type is not echoed; the known ones are listed);</li>
 * <li>a NUL character or a lone surrogate in any string → {@code validation_error} naming the
 * field (common-lib's {@code SafeText}, the rule every service's JSON bodies follow): PostgreSQL
 * cannot store the first, and the second would be silently changed to {@code ?}, so neither is
 * accepted as sent;</li>
 * <li>a value of the wrong type or format, or a Bean Validation constraint broken →
 * {@code validation_error} naming the field as the client wrote it.</li>
 * </ul>
 */
final class FrameReader {

    /** A field path is echoed only when it is made of plain names and indexes. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final JsonMapper trees;

    private final JsonMapper binder;

    private final @Nullable Validator validator;

    private final int maxNesting;

    FrameReader(JsonMapper binder, @Nullable Validator validator, int maxNesting, long maxBytes) {
        this.binder = binder;
        this.validator = validator;
        this.maxNesting = maxNesting;
        JsonFactory strict = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNesting)
                .maxDocumentLength(maxBytes)
                .maxNumberLength(100)
                .maxNameLength(256)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        this.trees = JsonMapper.builder(strict).build();
    }

    /** A parsed frame: its tree (for references), its type name, and the typed value (null for a layer ping). */
    record Read<F>(JsonNode tree, String type, @Nullable F frame) {
    }

    /** The names of a sealed frame interface's records, from its {@code @JsonSubTypes}. */
    static Set<String> typeNames(Class<?> frameType) {
        JsonSubTypes subTypes = frameType.getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            throw new IllegalStateException(frameType.getName() + " must list its frames in @JsonSubTypes");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonSubTypes.Type type : subTypes.value()) {
            if (!type.name().isEmpty()) {
                names.add(type.name());
            }
            names.addAll(List.of(type.names()));
            JsonTypeName named = type.value().getAnnotation(JsonTypeName.class);
            if (named != null && !named.value().isEmpty()) {
                names.add(named.value());
            }
        }
        return Set.copyOf(names);
    }

    /** The frame as a JSON object, or refused as {@code bad_frame}. */
    JsonNode tree(byte[] payload) {
        JsonNode tree;
        try {
            tree = trees.readTree(payload);
        }
        catch (StreamConstraintsException ex) {
            throw FrameRefused.badFrame("A frame is nested too deeply or holds too long a value",
                    Map.of("max_nesting", maxNesting));
        }
        catch (JacksonException ex) {
            throw FrameRefused.badFrame("A frame must be one JSON object (UTF-8) with a 'type'", null);
        }
        if (tree == null || !tree.isObject()) {
            throw FrameRefused.badFrame("A frame must be one JSON object with a 'type'", null);
        }
        return tree;
    }

    /** The object as one of the endpoint's frames (null for a ping the layer answers), or refused. */
    <F> Read<F> bind(JsonNode tree, Class<F> frameType, Set<String> known, boolean layerPing) {
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || !typeNode.isString()) {
            throw FrameRefused.badFrame("A frame needs a 'type' naming it", Map.of("field", "type"));
        }
        String type = typeNode.asString();
        if (layerPing && "ping".equals(type)) {
            return new Read<>(tree, type, null);
        }
        if (!known.contains(type)) {
            List<String> expected = new ArrayList<>(known);
            expected.sort(Comparator.naturalOrder());
            throw FrameRefused.badFrame("Unknown frame type; expected one of " + String.join(", ", expected),
                    Map.of("field", "type", "expected", expected));
        }
        checkText(tree, "", type);
        F frame;
        try {
            frame = binder.treeToValue(tree, frameType);
        }
        catch (JacksonException ex) {
            String field = field(ex);
            throw FrameRefused.invalid(field, "Field '" + field + "' has a value of the wrong type or format", type);
        }
        validate(frame, type);
        return new Read<>(tree, type, frame);
    }

    private <F> void validate(F frame, String type) {
        if (validator == null) {
            return;
        }
        Set<ConstraintViolation<F>> violations = validator.validate(frame);
        if (violations.isEmpty()) {
            return;
        }
        ConstraintViolation<F> first = violations.stream()
            .min(Comparator.comparing(violation -> violation.getPropertyPath().toString())).orElseThrow();
        String field = snakeCase(first.getPropertyPath().toString());
        throw FrameRefused.invalid(field, "Field '" + field + "' " + first.getMessage(), type);
    }

    /** Refuses NUL characters and lone surrogates anywhere in the frame, names and values alike. */
    private static void checkText(JsonNode node, String path, String type) {
        if (node.isString()) {
            String problem = problem(node.asString());
            if (problem != null) {
                String field = path.isEmpty() ? "frame" : path;
                throw FrameRefused.invalid(field, "Field '" + field + "' " + problem, type);
            }
        }
        else if (node.isObject()) {
            String here = path.isEmpty() ? "frame" : path;
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String name = property.getKey();
                String problem = problem(name);
                if (problem != null) {
                    throw FrameRefused.invalid(here, "A field name in '" + here + "' " + problem, type);
                }
                String child = !SAFE_NAME.matcher(name).matches() ? here : path.isEmpty() ? name : path + "." + name;
                checkText(property.getValue(), child, type);
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), (path.isEmpty() ? "frame" : path) + "[" + i + "]", type);
            }
        }
    }

    /** The fleet's one rule for text (common-lib's {@link SafeText}), worded for a field. */
    private static @Nullable String problem(String text) {
        String problem = SafeText.problem(text);
        return problem == null ? null : problem.replace("contains", "must not contain").replace("must not contain an unpaired",
                "holds an unpaired");
    }

    /** The field a binding error is about, as the client wrote it, when it is a plain name. */
    private static String field(JacksonException ex) {
        List<String> names = new ArrayList<>();
        for (JacksonException.Reference reference : ex.getPath()) {
            String name = reference.getPropertyName();
            if (name != null) {
                if (!SAFE_NAME.matcher(name).matches()) {
                    break;
                }
                names.add(name);
            }
            else if (reference.getIndex() >= 0 && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + reference.getIndex() + "]");
            }
        }
        return names.isEmpty() ? "frame" : String.join(".", names);
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
