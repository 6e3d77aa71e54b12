package com.linkwithmentor.moderation.classifier;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyLoader;
import com.linkwithmentor.moderation.policy.PolicySource;

/**
 * The reproducible training command: retrains the text classifier from {@code corpus/train/} and
 * writes {@code policies/v1/classifier/model.bin} in the module's sources. Tagged "train", so it
 * never runs by default:
 * <pre>
 * ./mvnw -q -pl moderation-service -am verify -Dgroups=train -DexcludedGroups=none \
 *     -Dtest=TrainClassifierTests -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The cross-validation figures it prints are in
 * {@code target/surefire-reports/...TrainClassifierTests-output.txt}. Training is deterministic:
 * {@link ShippedModelTests} fails while the shipped file differs from what this writes.
 */
@Tag("train")
class TrainClassifierTests {

    @Test
    void trainAndWriteTheBundledModel() throws Exception {
        // The policy as it stands in the sources, classifier and all (the model is not read to train).
        Policy policy = PolicyLoader.load(PolicySource.directory(Path.of("src/main/resources/policies/v1")));
        Trainer.Result result = ClassifierTraining.train(policy);
        byte[] model = result.model().write();
        Files.write(Path.of(ClassifierTraining.MODEL), model);
        System.out.println(ClassifierTraining.report(result));
        System.out.println("Wrote " + ClassifierTraining.MODEL + " (" + model.length + " bytes)");
    }
}
