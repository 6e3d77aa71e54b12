package com.linkwithmentor.moderation.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.linkwithmentor.moderation.classifier.LinearModel;
import com.linkwithmentor.moderation.text.WordsView;

/**
 * The trained second stage as the policy uses it: the model file of the policy, which of its
 * labels are which categories, the threshold each fires at (the model's own, from cross-validation,
 * unless the policy overrides it) and what a finding weighs. A finding covers the window of words
 * that scored highest, and is reported only where the first stage found nothing as severe in that
 * category, so a decision names the stage that made it.
 */
public final class ClassifierStage {

    private final @Nullable LinearModel model;

    private final Category[] categories;

    private final Severity[] severities;

    private final double[] thresholds;

    ClassifierStage(@Nullable LinearModel model, Category[] categories, Severity[] severities, double[] thresholds) {
        this.model = model;
        this.categories = categories;
        this.severities = severities;
        this.thresholds = thresholds;
    }

    public boolean enabled() {
        return model != null;
    }

    public @Nullable LinearModel model() {
        return model;
    }

    /** The categories the model knows, by label index. */
    public List<Category> categories() {
        return List.of(categories);
    }

    public double threshold(Category category) {
        for (int l = 0; l < categories.length; l++) {
            if (categories[l] == category) {
                return thresholds[l];
            }
        }
        return Double.NaN;
    }

    private static boolean severalWords(WordsView words) {
        char[] chars = words.collapsed();
        for (int i = 1; i < words.length() - 1; i++) {
            if (chars[i] == ' ') {
                return true;
            }
        }
        return false;
    }

    /** Scores the text; a label at or above its threshold becomes a finding over its best window. */
    public void find(WordsView words, List<Finding> out) {
        // One word alone is the word lists' to judge: the model learned from sentences, and a lone
        // token ("aaaa", an id) gives it nothing to read but its letters.
        if (model == null || !severalWords(words)) {
            return;
        }
        LinearModel.Scores scores = model.score(words);
        for (int l = 0; l < categories.length; l++) {
            if (scores.probability()[l] >= thresholds[l] && scores.end()[l] > scores.start()[l]) {
                out.add(new Finding(categories[l], severities[l], words.originalStart(scores.start()[l]),
                        words.originalEnd(scores.end()[l] - 1),
                        String.format(java.util.Locale.ROOT, "classifier:%.3f", scores.probability()[l]),
                        Stage.CLASSIFIER));
            }
        }
    }
}
