package com.linkwithmentor.moderation.classifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import com.linkwithmentor.moderation.text.WordsView;

/**
 * Trains a {@link LinearModel} from labelled messages, deterministically: the same corpus and
 * settings give the same bytes on any JVM (fixed seed, one thread, strict floating point), so
 * the shipped model can be checked against a fresh training.
 *
 * <p>One-versus-rest logistic regression, AdaGrad steps, L2 regularisation, features seen in
 * fewer than {@code minCount} training messages dropped. The score threshold of each label comes
 * from 5-fold cross-validation <em>on the training messages only</em>: the lowest threshold at
 * which at most {@code cleanFalsePositiveRate} of clean messages and at most
 * {@code otherFalsePositiveRate} of messages with other labels would fire, out of fold.
 */
public final class Trainer {

    /** One labelled message; {@code labels} empty for a clean one. */
    public record Example(String text, Set<String> labels) {
    }

    public record Settings(int bits, int minGram, int maxGram, int window, int stride, int epochs, double learningRate,
            double l2, int minCount, double cleanFalsePositiveRate, double otherFalsePositiveRate, double minThreshold,
            long seed) {

        public static Settings defaults() {
            return new Settings(18, 3, 5, 24, 8, 30, 0.4, 1e-6, 2, 0.006, 0.05, 0.3, 20_250_601L);
        }
    }

    /**
     * The model, what cross-validation said of it per label, and each training message's
     * out-of-fold probabilities (by label index), for judging it together with other stages.
     */
    public record Result(LinearModel model, Map<String, Validation> validation, double[][] outOfFold) {
    }

    /** Out-of-fold figures at the chosen threshold. */
    public record Validation(double threshold, int positives, double recall, double cleanFalsePositiveRate,
            double otherFalsePositiveRate) {
    }

    private final Settings settings;

    private final List<String> labels;

    private final Function<String, WordsView> words;

    /**
     * @param words the policy's normalizer: the model reads text exactly as analysis will
     */
    public Trainer(Settings settings, List<String> labels, Function<String, WordsView> words) {
        this.settings = settings;
        this.labels = List.copyOf(labels);
        this.words = words;
    }

    public Result train(List<Example> examples) {
        TextFeatures features = new TextFeatures(settings.bits(), settings.minGram(), settings.maxGram());
        List<Sparse> vectors = new ArrayList<>(examples.size());
        for (Example example : examples) {
            vectors.add(Sparse.of(features, words.apply(example.text())));
        }
        boolean[][] targets = new boolean[examples.size()][labels.size()];
        for (int e = 0; e < examples.size(); e++) {
            for (int l = 0; l < labels.size(); l++) {
                targets[e][l] = examples.get(e).labels().contains(labels.get(l));
            }
        }

        // Out-of-fold scores: every training message scored by a model that never saw it.
        int folds = 5;
        Integer[] order = shuffled(examples.size(), new Random(settings.seed()));
        double[][] outOfFold = new double[examples.size()][];
        for (int fold = 0; fold < folds; fold++) {
            List<Integer> trainOn = new ArrayList<>();
            List<Integer> heldOut = new ArrayList<>();
            for (int k = 0; k < order.length; k++) {
                (k % folds == fold ? heldOut : trainOn).add(order[k]);
            }
            Fitted fitted = fit(vectors, targets, trainOn, settings.seed() + fold + 1);
            for (int e : heldOut) {
                outOfFold[e] = fitted.probabilities(vectors.get(e));
            }
        }
        float[] thresholds = new float[labels.size()];
        Map<String, Validation> validation = new LinkedHashMap<>();
        for (int l = 0; l < labels.size(); l++) {
            List<Double> clean = new ArrayList<>();
            List<Double> other = new ArrayList<>();
            List<Double> positive = new ArrayList<>();
            for (int e = 0; e < examples.size(); e++) {
                double p = outOfFold[e][l];
                if (targets[e][l]) {
                    positive.add(p);
                }
                else if (examples.get(e).labels().isEmpty()) {
                    clean.add(p);
                }
                else {
                    other.add(p);
                }
            }
            double threshold = Math.max(settings.minThreshold(),
                    Math.max(cut(clean, settings.cleanFalsePositiveRate()), cut(other, settings.otherFalsePositiveRate())));
            threshold = Math.min(threshold, 0.95);
            thresholds[l] = (float) threshold;
            validation.put(labels.get(l), new Validation(threshold, positive.size(), above(positive, threshold),
                    above(clean, threshold), above(other, threshold)));
        }

        List<Integer> all = new ArrayList<>();
        for (int e = 0; e < examples.size(); e++) {
            all.add(e);
        }
        Fitted fitted = fit(vectors, targets, all, settings.seed());
        LinearModel model = new LinearModel(labels, settings.bits(), settings.minGram(), settings.maxGram(),
                settings.window(), settings.stride(), fitted.weights, fitted.bias, thresholds, describe(examples));
        return new Result(model, validation, outOfFold);
    }

    /** The lowest threshold above which at most {@code rate} of the scores lie. */
    private static double cut(List<Double> scores, double rate) {
        if (scores.isEmpty()) {
            return 0;
        }
        double[] sorted = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int allowed = (int) Math.floor(rate * sorted.length);
        int index = sorted.length - 1 - allowed;
        double at = sorted[index];
        double next = index + 1 < sorted.length ? sorted[index + 1] : 1.0;
        return (at + next) / 2;
    }

    private static double above(List<Double> scores, double threshold) {
        if (scores.isEmpty()) {
            return 0;
        }
        return scores.stream().filter(score -> score >= threshold).count() / (double) scores.size();
    }

    private final class Fitted {

        final float[] weights;

        final float[] bias;

        Fitted(float[] weights, float[] bias) {
            this.weights = weights;
            this.bias = bias;
        }

        double[] probabilities(Sparse x) {
            int n = labels.size();
            double[] p = new double[n];
            for (int l = 0; l < n; l++) {
                double z = bias[l];
                for (int k = 0; k < x.buckets.length; k++) {
                    z += weights[x.buckets[k] * n + l] * x.values[k];
                }
                p[l] = LinearModel.sigmoid(z);
            }
            return p;
        }
    }

    private Fitted fit(List<Sparse> vectors, boolean[][] targets, List<Integer> examples, long seed) {
        int n = labels.size();
        int buckets = 1 << settings.bits();
        int[] documentFrequency = new int[buckets];
        for (int e : examples) {
            for (int bucket : vectors.get(e).buckets) {
                documentFrequency[bucket]++;
            }
        }
        boolean[] kept = new boolean[buckets];
        for (int b = 0; b < buckets; b++) {
            kept[b] = documentFrequency[b] >= settings.minCount();
        }
        float[] weights = new float[buckets * n];
        float[] squared = new float[buckets * n];
        float[] bias = new float[n];
        float[] biasSquared = new float[n];
        List<Integer> order = new ArrayList<>(examples);
        Random random = new Random(seed);
        float rate = (float) settings.learningRate();
        float l2 = (float) settings.l2();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Collections.shuffle(order, random);
            for (int e : order) {
                Sparse x = vectors.get(e);
                for (int l = 0; l < n; l++) {
                    double z = bias[l];
                    for (int k = 0; k < x.buckets.length; k++) {
                        if (kept[x.buckets[k]]) {
                            z += weights[x.buckets[k] * n + l] * x.values[k];
                        }
                    }
                    float gradient = (float) (LinearModel.sigmoid(z) - (targets[e][l] ? 1.0 : 0.0));
                    biasSquared[l] += gradient * gradient;
                    bias[l] -= rate * gradient / (float) Math.sqrt(biasSquared[l] + 1e-8f);
                    for (int k = 0; k < x.buckets.length; k++) {
                        if (!kept[x.buckets[k]]) {
                            continue;
                        }
                        int index = x.buckets[k] * n + l;
                        float g = gradient * x.values[k] + l2 * weights[index];
                        squared[index] += g * g;
                        weights[index] -= rate * g / (float) Math.sqrt(squared[index] + 1e-8f);
                    }
                }
            }
        }
        return new Fitted(weights, bias);
    }

    /** A message's features as distinct buckets with values count / sqrt(total), as {@link LinearModel} scores them. */
    private record Sparse(int[] buckets, float[] values) {

        static Sparse of(TextFeatures features, WordsView words) {
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            int[] total = { 0 };
            features.extract(words, new TextFeatures.Sink() {

                @Override
                public void word(int index, int start, int endExclusive) {
                }

                @Override
                public void feature(int bucket, boolean pair) {
                    counts.merge(bucket, 1, Integer::sum);
                    total[0]++;
                }
            });
            int[] buckets = new int[counts.size()];
            float[] values = new float[counts.size()];
            float scale = (float) (1.0 / Math.sqrt(Math.max(1, total[0])));
            int k = 0;
            for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
                buckets[k] = entry.getKey();
                values[k++] = entry.getValue() * scale;
            }
            return new Sparse(buckets, values);
        }
    }

    private static Integer[] shuffled(int size, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order.toArray(Integer[]::new);
    }

    private static String describe(List<Example> examples) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Example example : examples) {
                digest.update(String.join(",", example.labels().stream().sorted().toList()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\t');
                digest.update(example.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return examples.size() + " messages, sha256 " + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public String toString() {
        return "Trainer" + settings + Arrays.toString(labels.toArray());
    }
}
