package com.linkwithmentor.moderation.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.linkwithmentor.moderation.text.TextNormalizer;

/**
 * Reads a policy folder (policy.yaml and the files it names), checks every part, and compiles it.
 * Anything wrong is a {@link PolicyException} naming the file and the line or key; nothing is half
 * loaded, so a bad edit never replaces a working policy.
 */
public final class PolicyLoader {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private static final Pattern SECTION = Pattern.compile("\\[(low|medium|high|critical)]");

    private final PolicySource source;

    private final MessageDigest digest;

    private PolicyLoader(PolicySource source) {
        this.source = source;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static Policy load(PolicySource source) {
        return new PolicyLoader(source).load();
    }

    private Policy load() {
        YamlNode root = YamlNode.parse("policy.yaml", read("policy.yaml"));
        root.allowOnly("version", "files", "normalization", "detectors", "actions", "strikes", "escalations",
                "behaviour", "enforcement", "review");
        String declared = root.require("version").string();
        if (!VERSION.matcher(declared).matches()) {
            throw root.require("version").error("must be 1 to 40 letters, digits, '.', '_' or '-'");
        }

        YamlNode files = root.require("files").allowOnly("confusables", "allow", "patterns", "terms");
        YamlNode normalization = root.require("normalization").allowOnly("leet", "plural_suffixes", "number_words");
        TextNormalizer normalizer = new TextNormalizer(confusables(files.require("confusables").string()),
                leet(normalization.require("leet")));
        List<String> plurals = normalization.get("plural_suffixes").list().stream().map(YamlNode::string).toList();

        Lexicon.Builder lexicon = Lexicon.builder(normalizer, plurals);
        for (Map.Entry<String, YamlNode> entry : files.require("terms").entries().entrySet()) {
            Category category = YamlNode.category("policy.yaml", "files.terms", entry.getKey());
            addTerms(lexicon, entry.getValue().string(), category);
        }
        addTerms(lexicon, files.require("allow").string(), null);

        YamlNode detectors = root.require("detectors").allowOnly("spelled_numbers", "repeated_words");
        YamlNode spelled = detectors.require("spelled_numbers").allowOnly("category", "severity", "min_digits", "max_digits");
        Policy.SpelledNumbers spelledNumbers = new Policy.SpelledNumbers(numberWords(normalization.require("number_words")),
                spelled.require("min_digits").integer(7, 20), spelled.require("max_digits").integer(7, 20),
                spelled.require("category").category(), spelled.require("severity").severity());
        YamlNode repeated = detectors.require("repeated_words").allowOnly("category", "severity", "min_run");
        Policy.RepeatedWords repeatedWords = new Policy.RepeatedWords(repeated.require("min_run").integer(2, 1000),
                repeated.require("category").category(), repeated.require("severity").severity());

        Map<Category, Map<Severity, Decision>> actions = perCategory(root.require("actions"), YamlNode::decision);
        Map<Category, Map<Severity, Integer>> strikes = perCategory(root.require("strikes"), node -> node.integer(0, 100));

        List<PatternRule> patterns = patterns(files.require("patterns").string());
        // Every file has been read by now, so the digest covers the whole policy.
        String version = declared + "+" + HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        return new Policy(version, source.describe(), Instant.now(), normalizer, lexicon.build(), patterns,
                spelledNumbers, repeatedWords,
                escalations(root.get("escalations")), actions, strikes, behaviour(root.require("behaviour")),
                ladder(root.require("enforcement")), review(root.require("review")), new PatternTriggers(patterns));
    }

    private String read(String path) {
        String text = source.read(path);
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return text;
    }

    /** Lines of "{@code <char or U+XXXX> <replacement>}"; the replacement is what the character reads as. */
    private Map<Integer, String> confusables(String path) {
        Map<Integer, String> map = new HashMap<>();
        forEachLine(path, (line, number) -> {
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new PolicyException(path + ":" + number + ": expected '<character> <replacement>'");
            }
            int codePoint;
            if (parts[0].startsWith("U+") && parts[0].length() > 2) {
                try {
                    codePoint = Integer.parseInt(parts[0].substring(2), 16);
                }
                catch (NumberFormatException ex) {
                    throw new PolicyException(path + ":" + number + ": '" + parts[0] + "' is not a code point");
                }
            }
            else if (parts[0].codePointCount(0, parts[0].length()) == 1) {
                codePoint = parts[0].codePointAt(0);
            }
            else {
                throw new PolicyException(path + ":" + number + ": '" + parts[0] + "' must be one character or U+XXXX");
            }
            map.put(codePoint, parts[1].toLowerCase(Locale.ROOT));
        });
        return map;
    }

    private static Map<Character, Character> leet(YamlNode node) {
        Map<Character, Character> leet = new HashMap<>();
        node.entries().forEach((symbol, letter) -> {
            String value = letter.string();
            if (symbol.length() != 1 || value.length() != 1 || !Character.isLetter(value.charAt(0))) {
                throw letter.error("each entry maps one character to the one letter it stands for");
            }
            leet.put(symbol.charAt(0), Character.toLowerCase(value.charAt(0)));
        });
        return leet;
    }

    private static Map<String, Character> numberWords(YamlNode node) {
        Map<String, Character> words = new HashMap<>();
        node.entries().forEach((word, digit) -> {
            String value = digit.string();
            if (value.length() != 1 || !Character.isDigit(value.charAt(0))) {
                throw digit.error("must be a single digit");
            }
            words.put(word.toLowerCase(Locale.ROOT), value.charAt(0));
        });
        return words;
    }

    /** A word list: "[severity]" section headers, one term per line, '#' comments. */
    private void addTerms(Lexicon.Builder lexicon, String path, Category category) {
        Severity[] current = { null };
        forEachLine(path, (line, number) -> {
            var section = SECTION.matcher(line);
            if (section.matches()) {
                current[0] = Severity.valueOf(section.group(1).toUpperCase(Locale.ROOT));
                return;
            }
            if (line.startsWith("[")) {
                throw new PolicyException(path + ":" + number + ": unknown section " + line
                        + "; expected [low], [medium], [high] or [critical]");
            }
            if (category != null && current[0] == null) {
                throw new PolicyException(path + ":" + number + ": a term before any [severity] section");
            }
            for (String term : expand(line, path + ":" + number)) {
                lexicon.add(term, category, category == null ? Severity.NONE : current[0], path + ":" + number);
            }
        });
    }

    /**
     * Expands alternatives written in braces, so families of phrases and spelling variants stay
     * one line: "{you are|you're} {an idiot|a loser}" is four terms.
     */
    static List<String> expand(String line, String origin) {
        int open = line.indexOf('{');
        if (open < 0) {
            if (line.indexOf('}') >= 0 || line.indexOf('|') >= 0) {
                throw new PolicyException(origin + ": '|' and '}' only belong inside {alternatives}");
            }
            return List.of(line);
        }
        int close = line.indexOf('}', open);
        if (close < 0 || line.substring(open + 1, close).indexOf('{') >= 0) {
            throw new PolicyException(origin + ": unbalanced or nested braces in '" + line + "'");
        }
        List<String> expanded = new ArrayList<>();
        for (String choice : line.substring(open + 1, close).split("\\|", -1)) {
            for (String rest : expand(line.substring(close + 1), origin)) {
                expanded.add(line.substring(0, open) + choice + rest);
                if (expanded.size() > 5_000) {
                    throw new PolicyException(origin + ": expands to more than 5000 terms; split the line");
                }
            }
        }
        return expanded;
    }

    private List<PatternRule> patterns(String path) {
        YamlNode root = YamlNode.parse(path, read(path)).allowOnly("patterns");
        List<PatternRule> rules = new ArrayList<>();
        for (YamlNode node : root.require("patterns").list()) {
            node.allowOnly("name", "category", "severity", "regex", "triggers", "min_digits");
            String regex = node.require("regex").string();
            List<String> triggers = node.get("triggers").list().stream().map(YamlNode::string)
                .map(trigger -> trigger.toLowerCase(Locale.ROOT)).toList();
            if (triggers.stream().anyMatch(String::isEmpty)) {
                throw node.get("triggers").error("a trigger cannot be empty");
            }
            int minDigits = node.get("min_digits").present() ? node.get("min_digits").integer(0, 100) : 0;
            try {
                rules.add(new PatternRule(node.require("name").string(), node.require("category").category(),
                        node.require("severity").severity(), Pattern.compile(regex), triggers, minDigits));
            }
            catch (PatternSyntaxException ex) {
                throw node.require("regex").error("not a valid regular expression: " + ex.getDescription());
            }
        }
        return List.copyOf(rules);
    }

    private static List<Escalation> escalations(YamlNode node) {
        List<Escalation> escalations = new ArrayList<>();
        for (YamlNode rule : node.list()) {
            rule.allowOnly("when_count", "when_all", "raise");
            YamlNode raise = rule.require("raise").allowOnly("category", "to");
            Category target = raise.require("category").category();
            Severity to = raise.require("to").severity();
            if (rule.get("when_all").present()) {
                // Each entry is a category (any finding counts) or {category, at_least: severity}.
                Map<Category, Severity> all = new EnumMap<>(Category.class);
                for (YamlNode entry : rule.get("when_all").list()) {
                    if (entry.isMapping()) {
                        entry.allowOnly("category", "at_least");
                        all.put(entry.require("category").category(), entry.require("at_least").severity());
                    }
                    else {
                        all.put(entry.category(), Severity.LOW);
                    }
                }
                escalations.add(new Escalation(Map.copyOf(all), null, null, 0, target, to));
            }
            else {
                YamlNode count = rule.require("when_count").allowOnly("category", "rule", "at_least");
                Category category = count.get("category").present() ? count.get("category").category() : null;
                String name = count.get("rule").present() ? count.get("rule").string() : null;
                if ((category == null) == (name == null)) {
                    throw count.error("name exactly one of 'category' or 'rule'");
                }
                escalations.add(new Escalation(Map.of(), category, name, count.require("at_least").integer(1, 1000),
                        target, to));
            }
        }
        return List.copyOf(escalations);
    }

    /** A "default" entry for every severity, and per-category overrides of some of them. */
    private static <T> Map<Category, Map<Severity, T>> perCategory(YamlNode node,
            java.util.function.Function<YamlNode, T> reader) {
        Map<String, YamlNode> entries = node.entries();
        YamlNode defaults = node.require("default");
        Map<Severity, T> base = new EnumMap<>(Severity.class);
        for (Severity severity : List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)) {
            base.put(severity, reader.apply(defaults.require(severity.wireName())));
        }
        defaults.allowOnly("low", "medium", "high", "critical");
        Map<Category, Map<Severity, T>> result = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            result.put(category, Map.copyOf(base));
        }
        entries.forEach((name, overrides) -> {
            if (name.equals("default")) {
                return;
            }
            Category category = YamlNode.category("policy.yaml", node.path(), name);
            overrides.allowOnly("low", "medium", "high", "critical");
            Map<Severity, T> merged = new EnumMap<>(base);
            overrides.entries().forEach((severity, value) -> merged.put(Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
                    reader.apply(value)));
            result.put(category, Map.copyOf(merged));
        });
        return Map.copyOf(result);
    }

    private static Policy.Behaviour behaviour(YamlNode node) {
        node.allowOnly("message_rate", "repeated_content", "reports_received");
        YamlNode rate = node.require("message_rate").allowOnly("max_messages", "window", "mute_for", "severity");
        YamlNode repeated = node.require("repeated_content").allowOnly("max_repeats", "window", "min_length", "severity");
        YamlNode reports = node.require("reports_received").allowOnly("distinct_reporters", "window", "severity");
        return new Policy.Behaviour(
                new Policy.MessageRate(rate.require("max_messages").integer(1, 100_000), rate.require("window").duration(),
                        rate.require("mute_for").duration(), rate.require("severity").severity()),
                new Policy.RepeatedContent(repeated.require("max_repeats").integer(1, 10_000),
                        repeated.require("window").duration(), repeated.require("min_length").integer(0, 10_000),
                        repeated.require("severity").severity()),
                new Policy.ReportsReceived(reports.require("distinct_reporters").integer(1, 10_000),
                        reports.require("window").duration(), reports.require("severity").severity()));
    }

    private static Policy.Ladder ladder(YamlNode node) {
        node.allowOnly("strike_window", "ladder");
        List<Policy.Step> steps = new ArrayList<>();
        int previous = 0;
        for (YamlNode step : node.require("ladder").list()) {
            step.allowOnly("strikes", "action", "duration");
            int strikes = step.require("strikes").integer(1, 1000);
            if (strikes <= previous) {
                throw step.error("steps must have increasing strike counts");
            }
            previous = strikes;
            String action = step.require("action").string();
            Policy.Sanction sanction = switch (action) {
                case "warn" -> Policy.Sanction.WARN;
                case "mute" -> Policy.Sanction.MUTE;
                case "suspend" -> Policy.Sanction.SUSPEND;
                default -> throw step.require("action").error("unknown action '" + action + "'; expected warn, mute or suspend");
            };
            if ((sanction == Policy.Sanction.MUTE) != step.get("duration").present()) {
                throw step.error("a mute needs a duration, and only a mute has one");
            }
            steps.add(new Policy.Step(strikes, sanction,
                    sanction == Policy.Sanction.MUTE ? step.require("duration").duration() : null));
        }
        return new Policy.Ladder(node.require("strike_window").duration(), List.copyOf(steps));
    }

    private static Policy.Review review(YamlNode node) {
        node.allowOnly("queue", "severity_priority", "category_bonus");
        Set<Decision> queued = EnumSet.noneOf(Decision.class);
        node.require("queue").list().forEach(decision -> queued.add(decision.decision()));
        Map<Severity, Integer> severityPriority = new EnumMap<>(Severity.class);
        YamlNode priorities = node.require("severity_priority").allowOnly("low", "medium", "high", "critical");
        priorities.entries()
            .forEach((severity, value) -> severityPriority.put(Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
                    value.integer(0, 1000)));
        Map<Category, Integer> bonus = new EnumMap<>(Category.class);
        node.get("category_bonus").entries()
            .forEach((category, value) -> bonus.put(YamlNode.category("policy.yaml", "review.category_bonus", category),
                    value.integer(0, 1000)));
        return new Policy.Review(Map.copyOf(severityPriority), Map.copyOf(bonus), Set.copyOf(queued));
    }

    private void forEachLine(String path, LineHandler handler) {
        String[] lines = read(path).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf(" #");
            if (line.startsWith("#")) {
                continue;
            }
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            line = line.strip();
            if (!line.isEmpty()) {
                handler.handle(line, i + 1);
            }
        }
    }

    @FunctionalInterface
    private interface LineHandler {

        void handle(String line, int number);
    }
}
