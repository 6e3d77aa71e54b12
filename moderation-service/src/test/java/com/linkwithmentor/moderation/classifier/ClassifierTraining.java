package com.linkwithmentor.moderation.classifier;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.linkwithmentor.moderation.analysis.Corpus;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Policy;

/** Trains the bundled model from the training corpus with the bundled policy's normalizer. */
final class ClassifierTraining {

    /** Where the model lives in the module (tests run with the module folder as working directory). */
    static final String MODEL = "src/main/resources/policies/v1/classifier/model.bin";

    private ClassifierTraining() {
    }

    static Trainer.Result train(Policy policy) {
        List<String> labels = Corpus.evaluated().stream().map(Category::wireName).toList();
        Trainer trainer = new Trainer(Trainer.Settings.defaults(), labels, text -> policy.normalizer().words(text));
        List<Trainer.Example> examples = Corpus.train().stream()
            .map(example -> new Trainer.Example(example.text(),
                    example.labels().stream().map(Category::wireName).collect(Collectors.toSet())))
            .toList();
        return trainer.train(examples);
    }

    static String report(Trainer.Result result) {
        StringBuilder report = new StringBuilder("Cross-validation on the training corpus (5 folds, out of fold), "
                + result.model().trainedOn() + "\n");
        report.append(String.format("%-26s %9s %9s %8s %12s %12s%n", "label", "threshold", "positives", "recall",
                "clean FPR", "other FPR"));
        for (Map.Entry<String, Trainer.Validation> entry : result.validation().entrySet()) {
            Trainer.Validation v = entry.getValue();
            report.append(String.format("%-26s %9.3f %9d %8.3f %12.4f %12.4f%n", entry.getKey(), v.threshold(),
                    v.positives(), v.recall(), v.cleanFalsePositiveRate(), v.otherFalsePositiveRate()));
        }
        return report.toString();
    }
}
