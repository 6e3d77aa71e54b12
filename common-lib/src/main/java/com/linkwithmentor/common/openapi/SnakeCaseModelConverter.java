package com.linkwithmentor.common.openapi;

import java.beans.Introspector;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;

/**
 * Names schema properties the way the services' JSON really spells them. springdoc reads classes
 * through swagger-core's own Jackson 2 mapper, which knows nothing of the services' Jackson 3
 * {@code SNAKE_CASE} setting, and it names a record component {@code isActive} {@code active}. Here
 * every property of a resolved model is renamed to the Jackson 3 snake_case name; for a record, from
 * its components, so {@code isActive} becomes {@code is_active} as on the wire.
 */
class SnakeCaseModelConverter implements ModelConverter {

    private static final PropertyNamingStrategy SNAKE = PropertyNamingStrategies.SNAKE_CASE;

    private static final String REF_PREFIX = "#/components/schemas/";

    @Override
    public @Nullable Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> resolved = chain.next().resolve(type, context, chain);
        if (resolved == null) {
            return null;
        }
        Schema<?> model = resolved;
        if (resolved.get$ref() != null && resolved.get$ref().startsWith(REF_PREFIX)) {
            model = context.getDefinedModels().get(resolved.get$ref().substring(REF_PREFIX.length()));
        }
        Class<?> raw = rawClass(type.getType());
        if (model != null && model.getProperties() != null && raw != null && !raw.getName().startsWith("java.")) {
            rename(model, raw);
        }
        return resolved;
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void rename(Schema model, Class<?> type) {
        Map<String, String> names = wireNames(type);
        Map<String, Schema> properties = model.getProperties();
        Map<String, Schema> renamed = new LinkedHashMap<>();
        properties.forEach((name, schema) -> renamed.put(names.getOrDefault(name, snake(name)), schema));
        model.setProperties(renamed);
        if (model.getRequired() != null) {
            List<String> required = new ArrayList<>();
            for (Object name : model.getRequired()) {
                String wire = names.getOrDefault((String) name, snake((String) name));
                if (!required.contains(wire)) {
                    required.add(wire);
                }
            }
            model.setRequired(required);
        }
    }

    /** For a record: every name swagger-core may have given a component, mapped to its name on the wire. */
    private static Map<String, String> wireNames(Class<?> type) {
        Map<String, String> names = new LinkedHashMap<>();
        if (!type.isRecord()) {
            return names;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty explicit = component.getAnnotation(JsonProperty.class);
            String name = component.getName();
            String wire = explicit != null && !explicit.value().isEmpty() ? explicit.value() : snake(name);
            names.put(name, wire);
            names.put(snake(name), wire);
            if (name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))) {
                String stripped = Introspector.decapitalize(name.substring(2));
                names.putIfAbsent(stripped, wire);
                names.putIfAbsent(snake(stripped), wire);
            }
        }
        return names;
    }

    static String snake(String name) {
        // The services' own strategy (Jackson 3's SNAKE_CASE), which needs no config to translate a name.
        String translated = SNAKE.nameForField(null, null, name);
        return translated != null ? translated : name;
    }

    private static @Nullable Class<?> rawClass(@Nullable Type type) {
        if (type instanceof JavaType javaType) {
            return javaType.getRawClass();
        }
        if (type instanceof Class<?> cls) {
            return cls;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> cls) {
            return cls;
        }
        return null;
    }
}
