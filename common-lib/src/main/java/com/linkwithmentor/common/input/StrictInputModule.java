package com.linkwithmentor.common.input;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The input rules ({@link SafeText}) for every JSON body a service reads: each string, map key and
 * text inside a free-form JSON tree; each decimal and instant. Registered by common-lib on every
 * servlet service's mapper, together with "a null inside a list is an error".
 */
public class StrictInputModule extends SimpleModule {

    public StrictInputModule() {
        super("lwm-strict-input");
        addDeserializer(String.class, new CheckedString());
        addKeyDeserializer(String.class, new CheckedKey());
        // Trees are found apart from other types (no modifier sees them): each node type by name.
        addTree(JsonNode.class);
        addTree(ObjectNode.class);
        addTree(ArrayNode.class);
        setDeserializerModifier(new Checks());
    }

    @SuppressWarnings("unchecked")
    private <T extends JsonNode> void addTree(Class<T> type) {
        ValueDeserializer<?> checked = new Checked(JsonNodeDeserializer.getDeserializer(type));
        addDeserializer(type, (ValueDeserializer<T>) checked);
    }

    /** Strings as Jackson reads them, then checked. */
    static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            return value == null ? null : checked(parser, value);
        }
    }

    static final class CheckedKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            String problem = SafeText.problem(key);
            if (problem != null) {
                throw new RejectedInputException(context.getParser(), "has a key that " + problem);
            }
            return key;
        }
    }

    /** Wraps the deserializers of decimals and instants so their results are checked too. */
    static final class Checks extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                ValueDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (BigDecimal.class.equals(type) || Instant.class.equals(type)
                    || OffsetDateTime.class.equals(type) || LocalDate.class.equals(type)) {
                return new Checked(deserializer);
            }
            return deserializer;
        }
    }

    static final class Checked extends DelegatingDeserializer {

        Checked(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
            return new Checked(newDelegatee);
        }

        @Override
        public @Nullable Object deserialize(JsonParser parser, DeserializationContext context) {
            Object value = super.deserialize(parser, context);
            String problem = switch (value) {
                case null -> null;
                case JsonNode tree -> treeProblem(tree);
                case BigDecimal decimal -> SafeText.problem(decimal);
                case Instant instant -> SafeText.problem(instant);
                case OffsetDateTime dateTime -> SafeText.problem(dateTime);
                case LocalDate date -> SafeText.problem(date);
                default -> null;
            };
            if (problem != null) {
                throw new RejectedInputException(parser, problem);
            }
            return value;
        }
    }

    private static String checked(JsonParser parser, String value) {
        String problem = SafeText.problem(value);
        if (problem != null) {
            throw new RejectedInputException(parser, problem);
        }
        return value;
    }

    private static @Nullable String treeProblem(JsonNode node) {
        if (node.isString()) {
            return SafeText.problem(node.asString());
        }
        if (node.isBigDecimal()) {
            return SafeText.problem(node.decimalValue());
        }
        if (node.isNumber() && !node.isIntegralNumber() && !Double.isFinite(node.doubleValue())) {
            return "is a number too large to store";
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String problem = SafeText.problem(field.getKey());
                if (problem != null) {
                    return "has a key that " + problem;
                }
                problem = treeProblem(field.getValue());
                if (problem != null) {
                    return problem;
                }
            }
        }
        else if (node.isArray()) {
            for (JsonNode element : node) {
                String problem = treeProblem(element);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
