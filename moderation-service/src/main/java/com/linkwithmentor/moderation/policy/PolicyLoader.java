package com.linkwithmentor.moderation.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.classifier.LinearModel;
import com.linkwithmentor.moderation.text.Confusables;
import com.linkwithmentor.moderation.text.TextNormalizer;

/**
 * Reads a policy folder (policy.yaml and the files it names), checks every part, and compiles it.
 * The YAML files are bound to records ({@link PolicyDocument}, by {@link PolicyYaml}); the word
 * lists, allow-list and hash list are line-based text. Anything wrong is a {@link PolicyException}
 * naming the file and the line or key; nothing is half loaded, so a bad edit never replaces a
 * working policy.
 */
public final class PolicyLoader {

    private static final Pattern SECTION = Pattern.compile("\\[(low|medium|high|critical)]");

    private static final Pattern HASH_LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+(\\S+)\\s+(\\S+)\\s+(.+)");

    private static final List<Severity> LEVELS = List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);

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
        return load(source, Clock.systemUTC());
    }

    public static Policy load(PolicySource source, Clock clock) {
        return new PolicyLoader(source).load(clock);
    }

    private Policy load(Clock clock) {
        PolicyDocument document = PolicyYaml.read("policy.yaml", text("policy.yaml"), PolicyDocument.class);
        PolicyDocument.Files files = document.files();
        PolicyDocument.Normalization normalization = document.normalization();

        // Unicode's data is part of what decides, so its version is part of the policy's.
        digest.update(Confusables.unicodeVersion().getBytes(StandardCharsets.UTF_8));
        TextNormalizer normalizer = new TextNormalizer(confusables(normalization.readings()), leet(normalization.leet()));
        List<String> plurals = normalization.pluralSuffixes() != null ? normalization.pluralSuffixes() : List.of();

        Lexicon.Builder lexicon = Lexicon.builder(normalizer, plurals);
        files.terms().forEach((name, path) -> addTerms(lexicon, path,
                category(name, "files.terms", "policy.yaml")));
        addTerms(lexicon, files.allow(), null);

        PolicyDocument.SpelledNumbers spelled = document.detectors().spelledNumbers();
        Policy.SpelledNumbers spelledNumbers = new Policy.SpelledNumbers(numberWords(normalization.numberWords()),
                spelled.minDigits(), spelled.maxDigits(), spelled.category(), spelled.severity());
        PolicyDocument.RepeatedWords repeated = document.detectors().repeatedWords();
        Policy.RepeatedWords repeatedWords = new Policy.RepeatedWords(repeated.minRun(), repeated.category(),
                repeated.severity());

        Map<Category, Map<Severity, Decision>> actions = perCategory(document.actions(), "actions",
                levels -> new Object[] { levels.low(), levels.medium(), levels.high(), levels.critical() });
        Map<Category, Map<Severity, Integer>> strikes = perCategory(document.strikes(), "strikes",
                levels -> new Object[] { levels.low(), levels.medium(), levels.high(), levels.critical() });

        List<PatternRule> patterns = patterns(files.patterns());
        PhraseRules rules = PhraseRules.compile(files.rules(),
                PolicyYaml.read(files.rules(), text(files.rules()), PolicyDocument.Rules.class), normalizer);
        ClassifierStage classifier = classifier(files.classifier(), document.classifier());
        HashList hashes = hashes(files.hashes(), document.media());
        // Every file has been read by now, so the digest covers the whole policy.
        String version = document.version() + "+" + HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        return new Policy(version, source.describe(), clock.instant(), normalizer, lexicon.build(), patterns, rules,
                classifier, hashes, spelledNumbers, repeatedWords, escalations(document.escalations()), actions,
                strikes, behaviour(document.behaviour()), ladder(document.enforcement()), review(document.review()),
                new PatternTriggers(patterns));
    }

    private byte[] bytes(String path) {
        byte[] bytes = source.readBytes(path);
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(bytes);
        digest.update((byte) 0);
        return bytes;
    }

    private String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private static Category category(String name, String path, String file) {
        for (Category category : Category.values()) {
            if (category.wireName().equals(name)) {
                return category;
            }
        }
        throw new PolicyException(PolicyYaml.prefix(file, path) + "unknown category '" + name + "'; expected one of "
                + Category.names());
    }

    /**
     * Unicode's confusables (UTS #39, see {@link Confusables}) and the policy's own readings on
     * top; each reading is added in lower and upper case.
     */
    private static Map<Integer, String> confusables(@Nullable Map<String, String> readings) {
        Map<Integer, String> map = new HashMap<>(Confusables.uts39());
        if (readings != null) {
            readings.forEach((character, reading) -> {
                if (character.codePointCount(0, character.length()) != 1 || reading.isBlank()
                        || !reading.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '\''))) {
                    throw new PolicyException(PolicyYaml.prefix("policy.yaml", "normalization.readings." + character)
                            + "each entry maps one character to the ASCII letters it reads as");
                }
                int codePoint = character.codePointAt(0);
                String lower = reading.toLowerCase(Locale.ROOT);
                map.put(codePoint, lower);
                map.put(Character.toLowerCase(codePoint), lower);
                map.put(Character.toUpperCase(codePoint), lower);
            });
        }
        return map;
    }

    private static Map<Character, Character> leet(Map<String, String> entries) {
        Map<Character, Character> leet = new HashMap<>();
        entries.forEach((symbol, letter) -> {
            if (symbol.length() != 1 || letter == null || letter.length() != 1 || !Character.isLetter(letter.charAt(0))) {
                throw new PolicyException(PolicyYaml.prefix("policy.yaml", "normalization.leet." + symbol)
                        + "each entry maps one character to the one letter it stands for");
            }
            leet.put(symbol.charAt(0), Character.toLowerCase(letter.charAt(0)));
        });
        return leet;
    }

    private static Map<String, Character> numberWords(Map<String, String> entries) {
        Map<String, Character> words = new HashMap<>();
        entries.forEach((word, digit) -> {
            if (digit == null || digit.length() != 1 || !Character.isDigit(digit.charAt(0))) {
                throw new PolicyException(PolicyYaml.prefix("policy.yaml", "normalization.number_words." + word)
                        + "must be a single digit");
            }
            words.put(word.toLowerCase(Locale.ROOT), digit.charAt(0));
        });
        return words;
    }

    /** A word list: "[severity]" section headers, one term per line, '#' comments. */
    private void addTerms(Lexicon.Builder lexicon, String path, @Nullable Category category) {
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
        PolicyDocument.Patterns document = PolicyYaml.read(path, text(path), PolicyDocument.Patterns.class);
        List<PatternRule> rules = new ArrayList<>();
        for (int i = 0; i < document.patterns().size(); i++) {
            PolicyDocument.PatternEntry entry = document.patterns().get(i);
            List<String> triggers = entry.triggers() == null ? List.of()
                    : entry.triggers().stream().map(trigger -> trigger.toLowerCase(Locale.ROOT)).toList();
            try {
                rules.add(new PatternRule(entry.name(), entry.category(), entry.severity(), Pattern.compile(entry.regex()),
                        triggers, entry.minDigits() != null ? entry.minDigits() : 0));
            }
            catch (PatternSyntaxException ex) {
                throw new PolicyException(PolicyYaml.prefix(path, "patterns[" + i + "].regex")
                        + "not a valid regular expression: " + ex.getDescription(), ex);
            }
        }
        return List.copyOf(rules);
    }

    private ClassifierStage classifier(String path, PolicyDocument.Classifier settings) {
        byte[] file = bytes(path);
        if (!settings.enabled()) {
            return new ClassifierStage(null, new Category[0], new Severity[0], new double[0]);
        }
        LinearModel model;
        try {
            model = LinearModel.read(file);
        }
        catch (IllegalArgumentException ex) {
            throw new PolicyException(path + ": " + ex.getMessage(), ex);
        }
        int n = model.labels().size();
        Category[] categories = new Category[n];
        Severity[] severities = new Severity[n];
        double[] thresholds = new double[n];
        Severity fallback = settings.severity().get("default");
        if (fallback == null) {
            throw new PolicyException(PolicyYaml.prefix("policy.yaml", "classifier.severity") + "needs a 'default' entry");
        }
        for (String name : settings.severity().keySet()) {
            if (!name.equals("default")) {
                category(name, "classifier.severity", "policy.yaml");
            }
        }
        Map<String, Double> overrides = settings.thresholds() != null ? settings.thresholds() : Map.of();
        for (String name : overrides.keySet()) {
            category(name, "classifier.thresholds", "policy.yaml");
        }
        for (int l = 0; l < n; l++) {
            String label = model.labels().get(l);
            categories[l] = category(label, "labels", path);
            severities[l] = settings.severity().getOrDefault(label, fallback);
            thresholds[l] = overrides.getOrDefault(label, model.threshold(l));
        }
        return new ClassifierStage(model, categories, severities, thresholds);
    }

    /** Lines of "{@code <64 hex digits> <category> <severity> <label>}". */
    private HashList hashes(String path, PolicyDocument.Media media) {
        List<HashList.Entry> entries = new ArrayList<>();
        forEachLine(path, (line, number) -> {
            var matcher = HASH_LINE.matcher(line);
            if (!matcher.matches()) {
                throw new PolicyException(path + ":" + number + ": expected '<64 hex digits> <category> <severity> <label>'");
            }
            Category category = category(matcher.group(2), "line " + number, path);
            Severity severity = LEVELS.stream().filter(level -> level.wireName().equals(matcher.group(3))).findFirst()
                .orElseThrow(() -> new PolicyException(path + ":" + number + ": unknown severity '" + matcher.group(3)
                        + "'; expected low, medium, high or critical"));
            entries.add(new HashList.Entry(HashList.parse(matcher.group(1).toLowerCase(Locale.ROOT)), category, severity,
                    matcher.group(4).strip()));
        });
        return new HashList(List.copyOf(entries), media.hashMaxDistance(), media.hashMinQuality());
    }

    private static List<Escalation> escalations(@Nullable List<PolicyDocument.EscalationRule> rules) {
        if (rules == null) {
            return List.of();
        }
        List<Escalation> escalations = new ArrayList<>();
        for (PolicyDocument.EscalationRule rule : rules) {
            Category target = rule.raise().category();
            Severity to = rule.raise().to();
            if (rule.whenAll() != null && !rule.whenAll().isEmpty()) {
                Map<Category, Severity> all = new EnumMap<>(Category.class);
                for (PolicyDocument.Requirement requirement : rule.whenAll()) {
                    all.put(requirement.category(), requirement.atLeast() != null ? requirement.atLeast() : Severity.LOW);
                }
                escalations.add(new Escalation(Map.copyOf(all), null, null, 0, target, to));
            }
            else {
                PolicyDocument.Count count = rule.whenCount();
                escalations.add(new Escalation(Map.of(), count.category(), count.rule(), count.atLeast(), target, to));
            }
        }
        return List.copyOf(escalations);
    }

    /**
     * A "default" entry for every severity, and per-category overrides of some of them;
     * {@code levels} lists one entry's low, medium, high and critical values (null when not given).
     */
    @SuppressWarnings("unchecked")
    private static <L, T> Map<Category, Map<Severity, T>> perCategory(Map<String, L> entries, String path,
            Function<L, Object[]> levels) {
        L defaults = entries.get("default");
        if (defaults == null) {
            throw new PolicyException(PolicyYaml.prefix("policy.yaml", path) + "needs a 'default' entry");
        }
        Object[] base = levels.apply(defaults);
        Map<Severity, T> baseMap = new EnumMap<>(Severity.class);
        for (int i = 0; i < LEVELS.size(); i++) {
            if (base[i] == null) {
                throw new PolicyException(PolicyYaml.prefix("policy.yaml", path + ".default." + LEVELS.get(i).wireName())
                        + "is required");
            }
            baseMap.put(LEVELS.get(i), (T) base[i]);
        }
        Map<Category, Map<Severity, T>> result = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            result.put(category, Map.copyOf(baseMap));
        }
        entries.forEach((name, overrides) -> {
            if (name.equals("default")) {
                return;
            }
            Category category = category(name, path, "policy.yaml");
            Object[] values = levels.apply(overrides);
            Map<Severity, T> merged = new EnumMap<>(baseMap);
            for (int i = 0; i < LEVELS.size(); i++) {
                if (values[i] != null) {
                    merged.put(LEVELS.get(i), (T) values[i]);
                }
            }
            result.put(category, Map.copyOf(merged));
        });
        return Map.copyOf(result);
    }

    private static Policy.Behaviour behaviour(PolicyDocument.Behaviour behaviour) {
        PolicyDocument.MessageRate rate = behaviour.messageRate();
        PolicyDocument.RepeatedContent repeated = behaviour.repeatedContent();
        PolicyDocument.ReportsReceived reports = behaviour.reportsReceived();
        return new Policy.Behaviour(
                new Policy.MessageRate(rate.maxMessages(), rate.window(), rate.muteFor(), rate.severity()),
                new Policy.RepeatedContent(repeated.maxRepeats(), repeated.window(), repeated.minLength(),
                        repeated.severity()),
                new Policy.ReportsReceived(reports.distinctReporters(), reports.window(), reports.severity()));
    }

    private static Policy.Ladder ladder(PolicyDocument.Enforcement enforcement) {
        List<Policy.Step> steps = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < enforcement.ladder().size(); i++) {
            PolicyDocument.Step step = enforcement.ladder().get(i);
            if (step.strikes() <= previous) {
                throw new PolicyException(PolicyYaml.prefix("policy.yaml", "enforcement.ladder[" + i + "]")
                        + "steps must have increasing strike counts");
            }
            previous = step.strikes();
            Policy.Sanction sanction = Policy.Sanction.valueOf(step.action().toUpperCase(Locale.ROOT));
            steps.add(new Policy.Step(step.strikes(), sanction, step.duration()));
        }
        return new Policy.Ladder(enforcement.strikeWindow(), List.copyOf(steps));
    }

    private static Policy.Review review(PolicyDocument.Review review) {
        Set<Decision> queued = EnumSet.noneOf(Decision.class);
        queued.addAll(review.queue());
        Map<Severity, Integer> severityPriority = new EnumMap<>(Severity.class);
        review.severityPriority().forEach((name, value) -> severityPriority.put(LEVELS.stream()
            .filter(level -> level.wireName().equals(name)).findFirst()
            .orElseThrow(() -> new PolicyException(PolicyYaml.prefix("policy.yaml", "review.severity_priority")
                    + "unknown severity '" + name + "'; expected low, medium, high or critical")), value));
        Map<Category, Integer> bonus = new EnumMap<>(Category.class);
        if (review.categoryBonus() != null) {
            review.categoryBonus().forEach((name, value) -> bonus.put(category(name, "review.category_bonus", "policy.yaml"),
                    value));
        }
        return new Policy.Review(Map.copyOf(severityPriority), Map.copyOf(bonus), Set.copyOf(queued));
    }

    private void forEachLine(String path, LineHandler handler) {
        String[] lines = text(path).split("\\R", -1);
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
