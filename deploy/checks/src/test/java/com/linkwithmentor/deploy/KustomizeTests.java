package com.linkwithmentor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The renderer's subset on small kustomizations: what it renders, and that it refuses rather
 * than guesses at what it does not render (KubernetesManifestsTests compares it with kubectl
 * kustomize on the real overlays where kubectl is installed).
 */
class KustomizeTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: example/web:1.0
                      env:
                        - {name: A, value: "1"}
            """;

    @TempDir
    Path dir;

    @Test
    void appliesPatchesThenNamespaceLabelsAndImagesToWhatTheBaseRendered() throws IOException {
        write("base/deployment.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", kustomization("resources: [deployment.yaml]"));
        write("overlay/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: anything\n");
        write("overlay/kustomization.yaml", kustomization("""
                namespace: team
                resources: [namespace.yaml, ../base]
                labels:
                  - pairs: {part-of: demo}
                    includeTemplates: true
                images:
                  - {name: example/web, newName: registry.test/web, newTag: "2.0"}
                patches:
                  - target: {kind: Deployment, name: w.b}
                    patch: |-
                      - {op: test, path: /spec/template/spec/containers/0/env/0/name, value: A}
                      - {op: replace, path: /spec/template/spec/containers/0/env/0/value, value: "2"}
                configMapGenerator:
                  - name: settings
                    literals: [KEY=value=with=equals]
                generatorOptions:
                  disableNameSuffixHash: true
                """));
        List<ObjectNode> resources = Kustomize.build(dir.resolve("overlay"));
        ObjectNode deployment = Kustomize.find(resources, "Deployment", "web");
        assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo("team");
        assertThat(deployment.path("metadata").path("labels").path("part-of").asText()).isEqualTo("demo");
        assertThat(deployment.path("spec").path("template").path("metadata").path("labels").path("part-of").asText()).isEqualTo("demo");
        assertThat(deployment.path("spec").path("selector").path("matchLabels").has("part-of")).as("selectors untouched").isFalse();
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.test/web:2.0");
        assertThat(deployment.at("/spec/template/spec/containers/0/env/0/value").asText()).isEqualTo("2");
        assertThat(Kustomize.find(resources, "Namespace", "team")).as("a Namespace object takes the namespace as its name").isNotNull();
        assertThat(Kustomize.find(resources, "ConfigMap", "settings").path("data").path("KEY").asText()).isEqualTo("value=with=equals");
    }

    @Test
    void aStrategicMergePatchMergesMapsAndDeletesNulls() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        write("patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations: {note: patched}
                spec:
                  selector: null
                """);
        write("kustomization.yaml", kustomization("resources: [deployment.yaml]\npatches:\n  - path: patch.yaml"));
        ObjectNode deployment = Kustomize.find(Kustomize.build(dir), "Deployment", "web");
        assertThat(deployment.path("metadata").path("annotations").path("note").asText()).isEqualTo("patched");
        assertThat(deployment.path("spec").has("selector")).isFalse();
        assertThat(deployment.path("spec").has("template")).isTrue();
    }

    @Test
    void refusesAListInAStrategicMergePatch() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        write("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: x}]\n");
        write("kustomization.yaml", kustomization("resources: [deployment.yaml]\npatches:\n  - path: patch.yaml"));
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("use a JSON 6902 patch");
    }

    @Test
    void refusesWhatIsOutsideTheSubset() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        write("kustomization.yaml", kustomization("resources: [deployment.yaml]\nnamePrefix: x-"));
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("'namePrefix' is outside the subset");

        write("kustomization.yaml", kustomization("configMapGenerator:\n  - name: c\n    literals: [A=b]"));
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("needs disableNameSuffixHash");

        write("kustomization.yaml", kustomization("resources: [deployment.yaml]\nlabels:\n  - pairs: {a: b}\n    includeSelectors: true"));
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("includeSelectors");
    }

    @Test
    void aPatchThatMatchesNothingOrFailsItsTestIsAnError() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        write("kustomization.yaml", kustomization("""
                resources: [deployment.yaml]
                patches:
                  - target: {kind: Deployment, name: nothing}
                    patch: '[{op: remove, path: /spec}]'
                """));
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches no resource");

        write("kustomization.yaml", kustomization("""
                resources: [deployment.yaml]
                patches:
                  - target: {kind: Deployment}
                    patch: '[{op: test, path: /spec/template/spec/containers/0/env/0/name, value: B}]'
                """));
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aResourceMayAppearOnlyOnce() throws IOException {
        write("a.yaml", DEPLOYMENT);
        write("b.yaml", DEPLOYMENT);
        write("kustomization.yaml", kustomization("resources: [a.yaml, b.yaml]"));
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("appears twice");
    }

    private static String kustomization(String body) {
        return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + body + "\n";
    }

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
