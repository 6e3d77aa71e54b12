package com.linkwithmentor.moderation.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.linkwithmentor.moderation.policy.Category;

/**
 * The labelled corpus in {@code src/test/resources/corpus/}: {@code train/} (what the classifier
 * is trained on and the lists and rules were written against) and {@code holdout/} (never used
 * for either; only {@link EvaluationTests} reads it). One message per line, "labels<TAB>text";
 * labels are "clean" or comma-separated category names; {@code \\uXXXX} escapes allowed.
 */
public final class Corpus {

    public static final List<String> TRAIN = List.of("corpus/train/messages.tsv", "corpus/train/clean.tsv",
            "corpus/train/violations.tsv");

    public static final List<String> HOLDOUT = List.of("corpus/holdout/holdout.tsv", "corpus/holdout/holdout-2.tsv");

    public record Example(Set<Category> labels, String text) {
    }

    private Corpus() {
    }

    public static List<Example> train() {
        return read(TRAIN);
    }

    public static List<Example> holdout() {
        return read(HOLDOUT);
    }

    public static List<Example> read(List<String> resources) {
        List<Example> examples = new ArrayList<>();
        for (String resource : resources) {
            examples.addAll(read(resource));
        }
        return examples;
    }

    public static List<Example> read(String resource) {
        List<Example> examples = new ArrayList<>();
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no corpus file " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                if (parts.length != 2) {
                    throw new IllegalStateException(resource + ":" + (n + 1) + " needs labels<TAB>text");
                }
                Set<Category> labels = EnumSet.noneOf(Category.class);
                if (!parts[0].equals("clean")) {
                    for (String label : parts[0].split(",")) {
                        labels.add(Category.fromWire(label.strip()));
                    }
                }
                examples.add(new Example(labels, unescape(parts[1])));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return examples;
    }

    /** The categories analysis can find ({@code other} is for reports only). */
    public static List<Category> evaluated() {
        return List.of(Category.PROFANITY, Category.HARASSMENT, Category.HATE, Category.SEXUAL, Category.SELF_HARM,
                Category.SPAM, Category.PERSONAL_DATA, Category.OFF_PLATFORM_SOLICITATION);
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
