package com.linkwithmentor.moderation.classifier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.linkwithmentor.moderation.text.WordsView;

/**
 * A trained one-versus-rest logistic regression over {@link TextFeatures}: for each label, a
 * bias and one weight per feature bucket, and the score threshold at which the label fires. A
 * text's features are summed and divided by the square root of their number, so a word weighs
 * the same in a short message as in a long one.
 *
 * <p>Messages are scored in windows of {@link #window()} words ({@link #stride()} apart), each on
 * its own, and a label's score is its best window's: the model was trained on single messages,
 * and one abusive sentence in a kilobyte of chat must not be averaged away. Scoring reuses the
 * per-word sums, so a 1 KB message costs one pass over its features plus a few additions per
 * window.
 *
 * <p>The file (see {@link #write()}) is gzip-compressed: a header, then only the buckets some
 * training feature reached, weights quantized to 16 bits per label.
 */
public final class LinearModel {

    private static final String MAGIC = "lwm-linear-text-classifier";

    private static final int FORMAT = 1;

    private final List<String> labels;

    private final int bits;

    private final int minGram;

    private final int maxGram;

    private final int window;

    private final int stride;

    /** bucket-major: weights[bucket * labels + label], so one feature touches one cache line. */
    private final float[] weights;

    private final float[] bias;

    private final float[] thresholds;

    private final String trainedOn;

    private final TextFeatures features;

    /**
     * The buckets that carry weights, as an open-addressing table (bucket → slot, -1 empty) and
     * their weights slot-major: a message's features mostly land in buckets training never
     * reached, and probing a table of a few hundred kilobytes costs far fewer cache misses than
     * reading the full 2^bits × labels array.
     */
    private final int[] slotBuckets;

    private final float[] slotWeights;

    private final int slotMask;

    LinearModel(List<String> labels, int bits, int minGram, int maxGram, int window, int stride, float[] weights,
            float[] bias, float[] thresholds, String trainedOn) {
        this.labels = List.copyOf(labels);
        this.bits = bits;
        this.minGram = minGram;
        this.maxGram = maxGram;
        this.window = window;
        this.stride = stride;
        this.weights = weights;
        this.bias = bias;
        this.thresholds = thresholds;
        this.trainedOn = trainedOn;
        this.features = new TextFeatures(bits, minGram, maxGram);
        int n = labels.size();
        int used = 0;
        for (int b = 0; b < weights.length / n; b++) {
            if (nonZero(b, n)) {
                used++;
            }
        }
        int size = Integer.highestOneBit(Math.max(16, used * 2)) * 2;
        this.slotBuckets = new int[size];
        this.slotWeights = new float[size * n];
        this.slotMask = size - 1;
        Arrays.fill(slotBuckets, -1);
        for (int b = 0; b < weights.length / n; b++) {
            if (nonZero(b, n)) {
                int slot = slot(b);
                while (slotBuckets[slot] != -1) {
                    slot = (slot + 1) & slotMask;
                }
                slotBuckets[slot] = b;
                System.arraycopy(weights, b * n, slotWeights, slot * n, n);
            }
        }
    }

    private int slot(int bucket) {
        return (bucket * 0x9E3779B1 >>> 7) & slotMask;
    }

    /** The slot holding a bucket's weights, or -1 when training gave it none. */
    private int find(int bucket) {
        int slot = slot(bucket);
        while (true) {
            int held = slotBuckets[slot];
            if (held == bucket) {
                return slot;
            }
            if (held == -1) {
                return -1;
            }
            slot = (slot + 1) & slotMask;
        }
    }

    public List<String> labels() {
        return labels;
    }

    public int window() {
        return window;
    }

    public int stride() {
        return stride;
    }

    /** The threshold the training chose for a label (probability, 0 to 1). */
    public double threshold(int label) {
        return thresholds[label];
    }

    /** What the model was trained on: the corpus digest and size, for the policy view. */
    public String trainedOn() {
        return trainedOn;
    }

    TextFeatures features() {
        return features;
    }

    int bits() {
        return bits;
    }

    /**
     * Per label, the best window's probability and where that window lies in the words view
     * ({@code [start, end)} of words-view indexes).
     */
    public record Scores(double[] probability, int[] start, int[] end) {
    }

    public Scores score(WordsView words) {
        int n = labels.size();
        PerWord perWord = new PerWord(n);
        features.extract(words, perWord);
        int count = perWord.words;
        double[] best = new double[n];
        int[] bestStart = new int[n];
        int[] bestEnd = new int[n];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        if (count == 0) {
            for (int l = 0; l < n; l++) {
                best[l] = sigmoid(bias[l]);
            }
            return new Scores(best, bestStart, bestEnd);
        }
        float[] sum = new float[n];
        int first = 0;
        while (true) {
            int last = Math.min(first + window, count);
            Arrays.fill(sum, 0f);
            int features = 0;
            for (int w = first; w < last; w++) {
                int base = w * n;
                for (int l = 0; l < n; l++) {
                    sum[l] += perWord.own[base + l];
                }
                features += perWord.ownCount[w];
                if (w > first) {
                    for (int l = 0; l < n; l++) {
                        sum[l] += perWord.pair[base + l];
                    }
                    features += perWord.pairCount[w];
                }
            }
            double scale = 1.0 / Math.sqrt(Math.max(1, features));
            for (int l = 0; l < n; l++) {
                double z = bias[l] + sum[l] * scale;
                if (z > best[l]) {
                    best[l] = z;
                    bestStart[l] = perWord.start[first];
                    bestEnd[l] = perWord.end[last - 1];
                }
            }
            if (last >= count) {
                break;
            }
            first += stride;
        }
        for (int l = 0; l < n; l++) {
            best[l] = sigmoid(best[l]);
        }
        return new Scores(best, bestStart, bestEnd);
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Sums each word's own features and its pair feature separately, per label. */
    private final class PerWord implements TextFeatures.Sink {

        private final int labelCount;

        float[] own;

        float[] pair;

        int[] ownCount = new int[64];

        int[] pairCount = new int[64];

        int[] start = new int[64];

        int[] end = new int[64];

        int words;

        private int current = -1;

        PerWord(int labelCount) {
            this.labelCount = labelCount;
            own = new float[64 * labelCount];
            pair = new float[64 * labelCount];
        }

        @Override
        public void word(int index, int from, int to) {
            current = index;
            words = index + 1;
            if (index >= start.length) {
                int grown = start.length * 2;
                own = Arrays.copyOf(own, grown * labelCount);
                pair = Arrays.copyOf(pair, grown * labelCount);
                ownCount = Arrays.copyOf(ownCount, grown);
                pairCount = Arrays.copyOf(pairCount, grown);
                start = Arrays.copyOf(start, grown);
                end = Arrays.copyOf(end, grown);
            }
            start[index] = from;
            end[index] = to;
        }

        @Override
        public void feature(int bucket, boolean isPair) {
            int slot = find(bucket);
            if (slot >= 0) {
                float[] target = isPair ? pair : own;
                int base = current * labelCount;
                int offset = slot * labelCount;
                for (int l = 0; l < labelCount; l++) {
                    target[base + l] += slotWeights[offset + l];
                }
            }
            if (isPair) {
                pairCount[current]++;
            }
            else {
                ownCount[current]++;
            }
        }
    }

    /** The model file: deterministic bytes for the same model (gzip without a timestamp). */
    public byte[] write() {
        int n = labels.size();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeInt(bits);
                out.writeInt(minGram);
                out.writeInt(maxGram);
                out.writeInt(window);
                out.writeInt(stride);
                out.writeUTF(trainedOn);
                out.writeInt(n);
                float[] scale = new float[n];
                for (int l = 0; l < n; l++) {
                    float max = 0;
                    for (int b = l; b < weights.length; b += n) {
                        max = Math.max(max, Math.abs(weights[b]));
                    }
                    scale[l] = max == 0 ? 1f : max / Short.MAX_VALUE;
                    out.writeUTF(labels.get(l));
                    out.writeFloat(bias[l]);
                    out.writeFloat(thresholds[l]);
                    out.writeFloat(scale[l]);
                }
                int buckets = weights.length / n;
                int used = 0;
                for (int b = 0; b < buckets; b++) {
                    if (nonZero(b, n)) {
                        used++;
                    }
                }
                out.writeInt(used);
                int previous = -1;
                for (int b = 0; b < buckets; b++) {
                    if (!nonZero(b, n)) {
                        continue;
                    }
                    writeVarint(out, b - previous);
                    previous = b;
                    for (int l = 0; l < n; l++) {
                        out.writeShort(Math.round(weights[b * n + l] / scale[l]));
                    }
                }
            }
            return bytes.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private boolean nonZero(int bucket, int n) {
        for (int l = 0; l < n; l++) {
            if (weights[bucket * n + l] != 0f) {
                return true;
            }
        }
        return false;
    }

    /** Reads a model file; {@link IllegalArgumentException} with the reason when it is not one. */
    public static LinearModel read(byte[] file) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IllegalArgumentException("not a text classifier model");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("model format " + format + " is not supported (expected " + FORMAT + ")");
            }
            int bits = in.readInt();
            int minGram = in.readInt();
            int maxGram = in.readInt();
            int window = in.readInt();
            int stride = in.readInt();
            if (bits < 10 || bits > 24 || window < 1 || stride < 1 || minGram < 1 || maxGram < minGram) {
                throw new IllegalArgumentException("the model's settings are out of range");
            }
            String trainedOn = in.readUTF();
            int n = in.readInt();
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("the model must have 1 to 64 labels");
            }
            String[] labels = new String[n];
            float[] bias = new float[n];
            float[] thresholds = new float[n];
            float[] scale = new float[n];
            for (int l = 0; l < n; l++) {
                labels[l] = in.readUTF();
                bias[l] = in.readFloat();
                thresholds[l] = in.readFloat();
                scale[l] = in.readFloat();
            }
            int buckets = 1 << bits;
            float[] weights = new float[buckets * n];
            int used = in.readInt();
            int bucket = -1;
            for (int u = 0; u < used; u++) {
                bucket += readVarint(in);
                if (bucket < 0 || bucket >= buckets) {
                    throw new IllegalArgumentException("a weight lies outside the model's buckets");
                }
                for (int l = 0; l < n; l++) {
                    weights[bucket * n + l] = in.readShort() * scale[l];
                }
            }
            return new LinearModel(List.of(labels), bits, minGram, maxGram, window, stride, weights, bias, thresholds,
                    trainedOn);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("not a readable model file: " + ex.getMessage(), ex);
        }
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed number");
    }
}
