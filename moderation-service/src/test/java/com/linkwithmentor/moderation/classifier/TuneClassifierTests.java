package com.linkwithmentor.moderation.classifier;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.moderation.analysis.Corpus;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyLoader;
import com.linkwithmentor.moderation.policy.PolicySource;

@Tag("train")
class TuneClassifierTests {

    @Test
    void sweep() {
        Policy policy = PolicyLoader.load(PolicySource.directory(Path.of("src/main/resources/policies/v1")));
        List<String> labels = Corpus.evaluated().stream().map(Category::wireName).toList();
        List<Trainer.Example> examples = Corpus.train().stream()
            .map(e -> new Trainer.Example(e.text(), e.labels().stream().map(Category::wireName).collect(Collectors.toSet())))
            .toList();
        String spec = System.getProperty("sweep", "");
        for (String one : spec.split(";")) {
            String[] p = one.split(",");
            Trainer.Settings s = new Trainer.Settings(18, Integer.parseInt(p[0]), Integer.parseInt(p[1]), 24, 8,
                    Integer.parseInt(p[2]), Double.parseDouble(p[3]), Double.parseDouble(p[4]), Integer.parseInt(p[5]),
                    Double.parseDouble(p[6]), Double.parseDouble(p[7]), 0.3, 20_250_601L);
            Trainer.Result r = new Trainer(s, labels, t -> policy.normalizer().words(t)).train(examples);
            double mean = r.validation().values().stream().mapToDouble(Trainer.Validation::recall).average().orElse(0);
            // Together with the first stage (on training messages, which the rules were written against: optimistic).
            com.linkwithmentor.moderation.analysis.ContentAnalyzer analyzer = new com.linkwithmentor.moderation.analysis.ContentAnalyzer();
            List<Corpus.Example> corpus = Corpus.train();
            int tp = 0, fn = 0, fp = 0, clean = 0, fpFirst = 0, fnFirst = 0;
            for (int i = 0; i < corpus.size(); i++) {
                var ex = corpus.get(i);
                boolean first = !analyzer.decide(policy, analyzer.scan(policy, ex.text(), false).findings()).categories().isEmpty();
                boolean learned = false;
                for (int l = 0; l < labels.size(); l++) {
                    learned |= r.outOfFold()[i][l] >= r.validation().get(labels.get(l)).threshold();
                }
                boolean flagged = first || learned;
                if (System.getProperty("errors") != null && first != !ex.labels().isEmpty()) {
                    var verdict = analyzer.analyze(policy, ex.text());
                    System.out.println("FIRST " + (first ? "FP " : "FN ") + ex.labels() + " " + ex.text() + "  <- "
                            + analyzer.scan(policy, ex.text(), false).findings().stream().map(f -> f.rule()).toList());
                }
                if (ex.labels().isEmpty()) { clean++; if (flagged) fp++; if (first) fpFirst++; }
                else { if (flagged) tp++; else fn++; if (!first) fnFirst++; }
            }
            System.out.printf("UNION %s recall %.3f fpr %.3f (first stage alone: recall %.3f fpr %.3f)%n", one,
                    tp / (double) (tp + fn), fp / (double) clean, 1 - fnFirst / (double) (tp + fn), fpFirst / (double) clean);
            System.out.printf("SWEEP %s mean recall %.3f  %s%n", one, mean, r.validation().entrySet().stream()
                .map(e -> e.getKey().substring(0, 4) + "=" + String.format("%.2f", e.getValue().recall()))
                .collect(Collectors.joining(" ")));
        }
    }
}
