package com.linkwithmentor.moderation.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.moderation.TestPolicies;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Decision;
import com.linkwithmentor.moderation.policy.Policy;

/**
 * Precision and recall per category of the bundled policy on the labelled messages in
 * {@code eval/}: {@code messages.tsv} (the development set the lists were tuned on) and
 * {@code holdout.tsv} (written afterwards, never tuned on). A category counts as predicted when
 * the verdict reports it, i.e. when the policy flags or blocks for it.
 *
 * <p>Thresholds apply to both sets together (about 20 to 50 labelled messages per category), so
 * one error moves a figure by 2 to 5 points: each threshold leaves room for the few known misses
 * and false alarms the sets record, and fails when a change to the normalizer or the lists costs a
 * handful of messages in one category. They differ by what an error costs:
 * <ul>
 * <li>harassment and self_harm need recall ≥ 0.90: a missed threat or a missed person at risk is
 * the worst outcome, while a false alarm costs a reviewer a minute;</li>
 * <li>hate, sexual and off_platform_solicitation block on sight, so they need precision ≥ 0.90: a
 * wrong block silences an innocent message;</li>
 * <li>personal_data is mostly deterministic patterns: recall ≥ 0.90 catches a broken pattern;</li>
 * <li>everything else ≥ 0.85.</li>
 * </ul>
 * The held-out set alone is too small per category for thresholds; it has to keep overall
 * precision and recall (any violation versus none) at 0.85 or better, which is what a reader of
 * these figures should expect on unseen chat.
 */
class EvaluationTests {

    private static final Map<Category, double[]> THRESHOLDS = thresholds();

    private final Policy policy = TestPolicies.bundled();

    private final ContentAnalyzer analyzer = new ContentAnalyzer();

    record Example(Set<Category> labels, String text) {
    }

    /** Per category: true positives, false positives, false negatives. */
    static final class Tally {

        final Map<Category, int[]> counts = new EnumMap<>(Category.class);

        final int[] overall = new int[3];

        final List<String> errors = new ArrayList<>();

        void add(Example example, Set<Category> predicted) {
            for (Category category : evaluated()) {
                int[] count = counts.computeIfAbsent(category, c -> new int[3]);
                boolean labelled = example.labels().contains(category);
                boolean found = predicted.contains(category);
                if (labelled && found) {
                    count[0]++;
                }
                else if (found) {
                    count[1]++;
                }
                else if (labelled) {
                    count[2]++;
                }
            }
            boolean violation = !example.labels().isEmpty();
            boolean flagged = !predicted.isEmpty();
            if (violation && flagged) {
                overall[0]++;
            }
            else if (flagged) {
                overall[1]++;
            }
            else if (violation) {
                overall[2]++;
            }
            if (!predicted.equals(example.labels())) {
                errors.add("  expected " + names(example.labels()) + ", got " + names(predicted) + ": " + example.text());
            }
        }

        void addAll(Tally other) {
            other.counts.forEach((category, count) -> {
                int[] mine = counts.computeIfAbsent(category, c -> new int[3]);
                for (int i = 0; i < 3; i++) {
                    mine[i] += count[i];
                }
            });
            for (int i = 0; i < 3; i++) {
                overall[i] += other.overall[i];
            }
        }

        double precision(Category category) {
            return precision(counts.get(category));
        }

        double recall(Category category) {
            return recall(counts.get(category));
        }

        static double precision(int[] count) {
            return count[0] + count[1] == 0 ? 1.0 : count[0] / (double) (count[0] + count[1]);
        }

        static double recall(int[] count) {
            return count[0] + count[2] == 0 ? 1.0 : count[0] / (double) (count[0] + count[2]);
        }
    }

    @Test
    void precisionAndRecallPerCategoryMeetTheThresholds() throws IOException {
        Tally development = evaluate("eval/messages.tsv");
        Tally holdout = evaluate("eval/holdout.tsv");
        Tally combined = new Tally();
        combined.addAll(development);
        combined.addAll(holdout);

        StringBuilder report = new StringBuilder("\nModeration policy " + policy.version() + " on the labelled sets\n");
        report.append(String.format("%-26s %-22s %-22s %-22s %s%n", "category", "development P / R", "held-out P / R",
                "combined P / R", "thresholds P / R"));
        for (Category category : evaluated()) {
            double[] threshold = THRESHOLDS.get(category);
            report.append(String.format("%-26s %-22s %-22s %-22s %.2f / %.2f%n", category.wireName(),
                    figures(development.counts.get(category)), figures(holdout.counts.get(category)),
                    figures(combined.counts.get(category)), threshold[0], threshold[1]));
        }
        report.append(String.format("%-26s %-22s %-22s %-22s%n", "any violation", figures(development.overall),
                figures(holdout.overall), figures(combined.overall)));
        report.append("Disagreements, development set:\n").append(String.join("\n", development.errors)).append('\n');
        report.append("Disagreements, held-out set:\n").append(String.join("\n", holdout.errors)).append('\n');
        System.out.println(report);

        for (Category category : evaluated()) {
            double[] threshold = THRESHOLDS.get(category);
            assertThat(combined.precision(category)).as("precision of %s%s", category.wireName(), report)
                .isGreaterThanOrEqualTo(threshold[0]);
            assertThat(combined.recall(category)).as("recall of %s%s", category.wireName(), report)
                .isGreaterThanOrEqualTo(threshold[1]);
        }
        assertThat(Tally.precision(holdout.overall)).as("held-out precision").isGreaterThanOrEqualTo(0.85);
        assertThat(Tally.recall(holdout.overall)).as("held-out recall").isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void theSetsAreBigEnoughToMeanSomething() throws IOException {
        List<Example> examples = new ArrayList<>(read("eval/messages.tsv"));
        examples.addAll(read("eval/holdout.tsv"));
        assertThat(examples).hasSizeGreaterThan(400);
        assertThat(examples.stream().filter(example -> example.labels().isEmpty())).hasSizeGreaterThan(150);
        for (Category category : evaluated()) {
            assertThat(examples.stream().filter(example -> example.labels().contains(category)))
                .as(category.wireName()).hasSizeGreaterThanOrEqualTo(20);
        }
    }

    private Tally evaluate(String resource) throws IOException {
        Tally tally = new Tally();
        for (Example example : read(resource)) {
            Verdict verdict = analyzer.analyze(policy, example.text());
            Set<Category> predicted = EnumSet.noneOf(Category.class);
            predicted.addAll(verdict.categories());
            assertThat(verdict.decision() == Decision.ALLOW).isEqualTo(predicted.isEmpty());
            tally.add(example, predicted);
        }
        return tally;
    }

    static List<Example> read(String resource) throws IOException {
        List<Example> examples = new ArrayList<>();
        try (InputStream in = EvaluationTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                assertThat(parts).as("line '%s' of %s needs labels<TAB>text", line, resource).hasSize(2);
                Set<Category> labels = EnumSet.noneOf(Category.class);
                if (!parts[0].equals("clean")) {
                    for (String label : parts[0].split(",")) {
                        labels.add(Category.fromWire(label.strip()));
                    }
                }
                examples.add(new Example(labels, unescape(parts[1])));
            }
        }
        return examples;
    }

    /** The categories analysis can find ({@code other} is for reports only). */
    static List<Category> evaluated() {
        return List.of(Category.PROFANITY, Category.HARASSMENT, Category.HATE, Category.SEXUAL, Category.SELF_HARM,
                Category.SPAM, Category.PERSONAL_DATA, Category.OFF_PLATFORM_SOLICITATION);
    }

    private static Map<Category, double[]> thresholds() {
        Map<Category, double[]> thresholds = new EnumMap<>(Category.class);
        thresholds.put(Category.PROFANITY, new double[] { 0.85, 0.85 });
        thresholds.put(Category.HARASSMENT, new double[] { 0.85, 0.90 });
        thresholds.put(Category.HATE, new double[] { 0.90, 0.85 });
        thresholds.put(Category.SEXUAL, new double[] { 0.90, 0.85 });
        thresholds.put(Category.SELF_HARM, new double[] { 0.85, 0.90 });
        thresholds.put(Category.SPAM, new double[] { 0.85, 0.85 });
        thresholds.put(Category.PERSONAL_DATA, new double[] { 0.85, 0.90 });
        thresholds.put(Category.OFF_PLATFORM_SOLICITATION, new double[] { 0.90, 0.85 });
        return thresholds;
    }

    private static String figures(int[] count) {
        return String.format("%.3f / %.3f (%d)", Tally.precision(count), Tally.recall(count), count[0] + count[2]);
    }

    private static String names(Set<Category> categories) {
        return categories.isEmpty() ? "clean" : categories.stream().map(Category::wireName).toList().toString();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i) && i + 6 <= text.length()) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            }
            else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
