package com.linkwithmentor.moderation.policy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.AssertTrue;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds a policy YAML file to records (Jackson, snake_case keys, unknown keys refused so a typo
 * never silently disables a rule) and checks them with Bean Validation, turning every failure into
 * a {@link PolicyException} that names the file and the key path:
 * "policy.yaml: actions.default.medium: unknown action 'flagg'; expected allow, flag or block".
 * An {@link AssertTrue} check is reported at the object that holds it.
 */
final class PolicyYaml {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .addModule(new SimpleModule("moderation-policy")
            .addDeserializer(Category.class, new Named<>(Category.class, "category", Category.values()))
            .addDeserializer(Severity.class, new Named<>(Severity.class, "severity",
                    new Severity[] { Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL }))
            .addDeserializer(Decision.class, new Named<>(Decision.class, "action", Decision.values()))
            .addDeserializer(Duration.class, new DurationDeserializer())
            .addDeserializer(PolicyDocument.Requirement.class, new RequirementDeserializer()))
        .build();

    private static final Validator VALIDATOR = validator();

    private PolicyYaml() {
    }

    static <T> T read(String file, String text, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(text, type);
        }
        catch (StreamReadException ex) {
            throw new PolicyException(file + ": not valid YAML: " + firstLine(ex.getOriginalMessage())
                    + (ex.getLocation() != null ? " (line " + ex.getLocation().getLineNr() + ")" : ""), ex);
        }
        catch (UnrecognizedPropertyException ex) {
            List<JacksonException.Reference> path = ex.getPath();
            throw new PolicyException(prefix(file, path(path.subList(0, Math.max(0, path.size() - 1)))) + "unknown key '"
                    + ex.getPropertyName() + "'; expected one of "
                    + ex.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList(), ex);
        }
        catch (JacksonException ex) {
            throw new PolicyException(prefix(file, path(ex.getPath())) + firstLine(ex.getOriginalMessage()), ex);
        }
        if (value == null) {
            throw new PolicyException(file + ": is empty");
        }
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(value);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                .min(Comparator.comparing((ConstraintViolation<T> violation) -> path(violation)))
                .orElseThrow();
            throw new PolicyException(prefix(file, path(first)) + first.getMessage());
        }
        return value;
    }

    /** "file: path: " or "file: " at the top level. */
    static String prefix(String file, String path) {
        return file + ": " + (path.isEmpty() ? "" : path + ": ");
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        boolean onHolder = violation.getConstraintDescriptor().getAnnotation() instanceof AssertTrue;
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.isInIterable()) {
                if (node.getKey() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(node.getKey());
                }
                else if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                }
            }
            boolean last = i == nodes.size() - 1;
            if (node.getName() != null && !node.getName().startsWith("<") && !(last && onHolder)) {
                path.append(path.isEmpty() ? "" : ".").append(snakeCase(node.getName()));
            }
        }
        return path.toString();
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Validator validator() {
        // Messages without expression language: they are fixed texts, and the policy needs no EL.
        ValidatorFactory factory = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
        return factory.getValidator();
    }

    /** "10s", "15m", "1h", "30d", "500ms": longer than zero. */
    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be a duration such as 10s, 15m, 1h or 30d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return duration;
    }

    /** An enum written by its lower-case name, with the accepted names in the error. */
    private static final class Named<E extends Enum<E>> extends ValueDeserializer<E> {

        private final Class<E> type;

        private final String what;

        private final E[] accepted;

        Named(Class<E> type, String what, E[] accepted) {
            this.type = type;
            this.what = what;
            this.accepted = accepted;
        }

        @Override
        public E deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.currentToken().isScalarValue()) {
                return context.reportInputMismatch(type, "must be a plain value: a %s name", what);
            }
            String name = parser.getString();
            for (E value : accepted) {
                if (value.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return value;
                }
            }
            return context.reportInputMismatch(type, "unknown %s '%s'; expected one of %s", what, name,
                    String.join(", ", java.util.Arrays.stream(accepted).map(v -> v.name().toLowerCase(Locale.ROOT))
                        .toList()));
        }
    }

    /** A category name alone, or {@code {category, at_least}}. */
    private static final class RequirementDeserializer extends ValueDeserializer<PolicyDocument.Requirement> {

        @Override
        public PolicyDocument.Requirement deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken().isScalarValue()) {
                return new PolicyDocument.Requirement(context.readValue(parser, Category.class), null);
            }
            PolicyDocument.RequirementFields fields = context.readValue(parser, PolicyDocument.RequirementFields.class);
            return new PolicyDocument.Requirement(fields.category(), fields.atLeast());
        }
    }

    private static final class DurationDeserializer extends ValueDeserializer<Duration> {

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.currentToken().isScalarValue()) {
                return context.reportInputMismatch(Duration.class, "must be a duration such as 10s, 15m, 1h or 30d");
            }
            try {
                return duration(parser.getString());
            }
            catch (IllegalArgumentException ex) {
                return context.reportInputMismatch(Duration.class, ex.getMessage());
            }
        }
    }
}
