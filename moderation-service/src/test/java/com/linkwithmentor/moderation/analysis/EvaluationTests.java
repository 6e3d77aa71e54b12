package com.linkwithmentor.moderation.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.moderation.TestPolicies;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Finding;
import com.linkwithmentor.moderation.policy.Policy;

/**
 * How well the bundled policy does on the labelled corpus, per category and per stage: the first
 * stage alone (word lists, patterns, detectors, phrase rules), the trained classifier alone, and
 * both together as analysis runs them. A category counts as predicted when the verdict reports it
 * (the policy flags or blocks for it); "any violation" asks only whether a violating message was
 * flagged or blocked at all (recall) and how many clean ones were (false-positive rate).
 *
 * <p>The held-out split ({@code corpus/holdout/}) was written before the classifier was trained and
 * is never used to train it, write rules or choose thresholds (those come from cross-validation on
 * the training split); its figures are the ones to quote. The training split's are printed for
 * comparison only: the model has seen those messages, so they are optimistic.
 *
 * <p>The aim is recall 0.95 at a false-positive rate of 0.02 on the held-out split. It is not met:
 * measured once, after training, both stages reach recall 0.85 at a false-positive rate of 0.033
 * (first stage alone 0.65 at 0.022). The classifier learned from under a thousand messages
 * (50 to 90 per category) and generalises to new phrasings only partly; harassment, sexual and
 * spam phrasings unlike the training ones are most of the misses. The assertions guard those
 * figures against regressions, a little below them (the split is small: one message moves a
 * category's recall by 2 to 5 points); they were not reached by tuning on the held-out split.
 */
class EvaluationTests {

    private static final Policy POLICY = TestPolicies.bundled();

    private static final ContentAnalyzer ANALYZER = new ContentAnalyzer();

    private static List<Corpus.Example> holdout;

    private static List<Corpus.Example> train;

    enum Stages {
        FIRST, CLASSIFIER, BOTH
    }

    /** Per category: true positives, false positives, false negatives; and overall any-violation counts. */
    static final class Tally {

        final Map<Category, int[]> counts = new EnumMap<>(Category.class);

        /** true positives, false positives (clean flagged), false negatives, clean messages. */
        final int[] overall = new int[4];

        final List<String> errors = new ArrayList<>();

        void add(Corpus.Example example, Set<Category> predicted) {
            for (Category category : Corpus.evaluated()) {
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
            if (!violation) {
                overall[3]++;
            }
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

        double recall() {
            return overall[0] / (double) Math.max(1, overall[0] + overall[2]);
        }

        double falsePositiveRate() {
            return overall[1] / (double) Math.max(1, overall[3]);
        }

        String figures(Category category) {
            int[] c = counts.get(category);
            double precision = c[0] + c[1] == 0 ? 1.0 : c[0] / (double) (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 1.0 : c[0] / (double) (c[0] + c[2]);
            return String.format("%.2f / %.2f", precision, recall);
        }

        int labelled(Category category) {
            int[] c = counts.get(category);
            return c[0] + c[2];
        }
    }

    @BeforeAll
    static void read() {
        holdout = Corpus.holdout();
        train = Corpus.train();
    }

    @Test
    void bothStagesOnTheHeldOutSplitMeetTheAim() {
        Map<Stages, Tally> onHoldout = evaluate(holdout);
        Map<Stages, Tally> onTrain = evaluate(train);
        StringBuilder report = new StringBuilder("\nModeration policy " + POLICY.version() + ", classifier trained on "
                + POLICY.classifier().model().trainedOn() + "\n");
        report.append("Held-out split: ").append(holdout.size()).append(" messages (")
            .append(onHoldout.get(Stages.BOTH).overall[3]).append(" clean); precision / recall per category\n");
        table(report, onHoldout, holdout);
        report.append("\nTraining split (seen by the model, optimistic): ").append(train.size()).append(" messages\n");
        table(report, onTrain, train);
        report.append("\nDisagreements on the held-out split, both stages:\n")
            .append(String.join("\n", onHoldout.get(Stages.BOTH).errors)).append('\n');
        System.out.println(report);

        Tally both = onHoldout.get(Stages.BOTH);
        assertThat(both.recall()).as("held-out recall of any violation%s", report).isGreaterThanOrEqualTo(0.82);
        assertThat(both.falsePositiveRate()).as("held-out false-positive rate%s", report).isLessThanOrEqualTo(0.04);
        // The second stage earns its place: it catches what the first misses.
        assertThat(both.recall()).as("the classifier adds recall").isGreaterThan(onHoldout.get(Stages.FIRST).recall());
    }

    @Test
    void theCorpusIsBigEnoughToMeanSomething() {
        assertThat(train.size() + holdout.size()).isGreaterThan(1_350);
        assertThat(holdout).hasSizeGreaterThan(400);
        assertThat(holdout.stream().filter(example -> example.labels().isEmpty())).hasSizeGreaterThan(150);
        for (Category category : Corpus.evaluated()) {
            assertThat(train.stream().filter(example -> example.labels().contains(category)))
                .as("training messages of %s", category.wireName()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(holdout.stream().filter(example -> example.labels().contains(category)))
                .as("held-out messages of %s", category.wireName()).hasSizeGreaterThanOrEqualTo(15);
        }
        Set<String> seen = new java.util.HashSet<>();
        train.forEach(example -> seen.add(example.text().toLowerCase(java.util.Locale.ROOT)));
        assertThat(holdout).as("no held-out message is also a training message")
            .noneMatch(example -> seen.contains(example.text().toLowerCase(java.util.Locale.ROOT)));
    }

    private static void table(StringBuilder report, Map<Stages, Tally> tallies, List<Corpus.Example> examples) {
        report.append(String.format("%-26s %6s  %-13s %-13s %-13s%n", "category", "count", "first stage", "classifier",
                "both"));
        for (Category category : Corpus.evaluated()) {
            report.append(String.format("%-26s %6d  %-13s %-13s %-13s%n", category.wireName(),
                    tallies.get(Stages.BOTH).labelled(category), tallies.get(Stages.FIRST).figures(category),
                    tallies.get(Stages.CLASSIFIER).figures(category), tallies.get(Stages.BOTH).figures(category)));
        }
        report.append(String.format("%-26s %6s  %-13s %-13s %-13s%n", "any violation: recall", "",
                String.format("%.3f", tallies.get(Stages.FIRST).recall()),
                String.format("%.3f", tallies.get(Stages.CLASSIFIER).recall()),
                String.format("%.3f", tallies.get(Stages.BOTH).recall())));
        report.append(String.format("%-26s %6s  %-13s %-13s %-13s%n", "clean: false-positive rate", "",
                String.format("%.3f", tallies.get(Stages.FIRST).falsePositiveRate()),
                String.format("%.3f", tallies.get(Stages.CLASSIFIER).falsePositiveRate()),
                String.format("%.3f", tallies.get(Stages.BOTH).falsePositiveRate())));
    }

    static Map<Stages, Tally> evaluate(List<Corpus.Example> examples) {
        Map<Stages, Tally> tallies = new EnumMap<>(Stages.class);
        for (Stages stages : Stages.values()) {
            tallies.put(stages, new Tally());
        }
        for (Corpus.Example example : examples) {
            tallies.get(Stages.FIRST).add(example,
                    predicted(ANALYZER.decide(POLICY, ANALYZER.scan(POLICY, example.text(), false).findings())));
            List<Finding> learned = new ArrayList<>();
            POLICY.classifier().find(POLICY.normalizer().words(example.text()), learned);
            tallies.get(Stages.CLASSIFIER).add(example, predicted(ANALYZER.decide(POLICY, learned)));
            Verdict verdict = ANALYZER.analyze(POLICY, example.text());
            Set<Category> both = EnumSet.noneOf(Category.class);
            both.addAll(verdict.categories());
            tallies.get(Stages.BOTH).add(example, both);
        }
        return tallies;
    }

    private static Set<Category> predicted(ContentAnalyzer.Judged judged) {
        Set<Category> predicted = EnumSet.noneOf(Category.class);
        predicted.addAll(judged.categories());
        return predicted;
    }

    private static String names(Set<Category> categories) {
        return categories.isEmpty() ? "clean" : categories.stream().map(Category::wireName).toList().toString();
    }
}
