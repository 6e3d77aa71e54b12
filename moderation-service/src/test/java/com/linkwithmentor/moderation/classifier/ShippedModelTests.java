package com.linkwithmentor.moderation.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.moderation.TestPolicies;

/**
 * The model shipped with the policy is exactly what training on the corpus gives: a change to the
 * corpus, the features or the normalization that was not followed by retraining fails here (the
 * fix is the command in {@link TrainClassifierTests}).
 */
class ShippedModelTests {

    @Test
    void theShippedModelIsWhatTheCorpusTrains() throws Exception {
        byte[] shipped = Files.readAllBytes(Path.of(ClassifierTraining.MODEL));
        Trainer.Result result = ClassifierTraining.train(TestPolicies.bundled());
        assertThat(result.model().write())
            .as("policies/v1/classifier/model.bin is stale: retrain it (see TrainClassifierTests)")
            .isEqualTo(shipped);
    }
}
