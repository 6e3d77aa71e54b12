package com.linkwithmentor.moderation.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A strict view of a parsed policy YAML file: every accessor knows its file and key path, so a
 * mistake is reported as "policy.yaml: actions.spam.medium: unknown action 'blok'" rather than as
 * a stack trace, and unknown keys are errors (a typo must not silently disable a rule).
 */
final class YamlNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String file;

    private final String path;

    private final @Nullable Object value;

    private YamlNode(String file, String path, @Nullable Object value) {
        this.file = file;
        this.path = path;
        this.value = value;
    }

    static YamlNode parse(String file, String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            return new YamlNode(file, "", new Yaml(new SafeConstructor(options)).load(text));
        }
        catch (YAMLException ex) {
            throw new PolicyException(file + ": not valid YAML: " + ex.getMessage(), ex);
        }
    }

    String path() {
        return path;
    }

    boolean isMapping() {
        return value instanceof Map;
    }

    boolean present() {
        return value != null;
    }

    YamlNode get(String key) {
        return new YamlNode(file, path.isEmpty() ? key : path + "." + key, map().get(key));
    }

    YamlNode require(String key) {
        YamlNode child = get(key);
        if (!child.present()) {
            throw new PolicyException(file + ": '" + child.path + "' is required");
        }
        return child;
    }

    /** Fails on any key not in the list. */
    YamlNode allowOnly(String... keys) {
        List<String> allowed = Arrays.asList(keys);
        for (String key : map().keySet()) {
            if (!allowed.contains(key)) {
                throw error("unknown key '" + key + "'; expected one of " + allowed);
            }
        }
        return this;
    }

    Map<String, YamlNode> entries() {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        map().forEach((key, child) -> entries.put(key, new YamlNode(file, path.isEmpty() ? key : path + "." + key, child)));
        return entries;
    }

    List<YamlNode> list() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw error("must be a list");
        }
        List<YamlNode> nodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            nodes.add(new YamlNode(file, path + "[" + i + "]", items.get(i)));
        }
        return nodes;
    }

    String string() {
        if (value == null || value instanceof Map || value instanceof List) {
            throw error("must be a plain value");
        }
        return value.toString();
    }

    int integer(int min, int max) {
        if (!(value instanceof Integer number) || number < min || number > max) {
            throw error("must be a whole number from " + min + " to " + max);
        }
        return number;
    }

    /** "500ms", "10s", "10m", "1h", "30d". */
    Duration duration() {
        Matcher matcher = DURATION.matcher(string().trim());
        if (!matcher.matches()) {
            throw error("must be a duration such as 10s, 15m, 1h or 30d");
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
            throw error("must be longer than zero");
        }
        return duration;
    }

    Category category() {
        String name = string();
        for (Category category : Category.values()) {
            if (category.wireName().equals(name)) {
                return category;
            }
        }
        throw error("unknown category '" + name + "'; expected one of " + Category.names());
    }

    static Category category(String file, String path, String name) {
        return new YamlNode(file, path, name).category();
    }

    Severity severity() {
        String name = string();
        for (Severity severity : Severity.values()) {
            if (severity != Severity.NONE && severity.wireName().equals(name)) {
                return severity;
            }
        }
        throw error("unknown severity '" + name + "'; expected low, medium, high or critical");
    }

    Decision decision() {
        try {
            return Decision.parse(string());
        }
        catch (IllegalArgumentException ex) {
            throw error(ex.getMessage());
        }
    }

    PolicyException error(String message) {
        return new PolicyException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private Map<String, Object> map() {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> raw)) {
            throw error("must be a mapping of keys to values");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        raw.forEach((key, child) -> map.put(String.valueOf(key), child));
        return map;
    }
}
