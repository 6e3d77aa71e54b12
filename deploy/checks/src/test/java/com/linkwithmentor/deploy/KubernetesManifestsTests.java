package com.linkwithmentor.deploy;

import static com.linkwithmentor.deploy.Manifests.FLEET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * deploy/k8s without a cluster: every manifest file and every rendered overlay reads strictly into
 * the Kubernetes API's types, the overlays render (and, where kubectl is installed, exactly as
 * {@code kubectl kustomize} renders them), no Secret value is in the repository, and the dev
 * overlay's Secrets script makes what the overlay references.
 */
class KubernetesManifestsTests {

    @TestFactory
    Stream<DynamicTest> everyManifestFileReadsStrictlyIntoKubernetesTypes() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Manifests.K8S)) {
            files = walk.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .filter(file -> !file.getParent().getFileName().toString().equals("patches"))
                    .sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(Manifests.K8S.relativize(file).toString(), () -> {
            List<ObjectNode> documents = Kustomize.readAll(file);
            assertThat(documents).as("documents in %s", file).isNotEmpty();
            for (ObjectNode document : documents) {
                StrictKubernetes.parse(document, file + " " + Kustomize.id(document));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedOverlayReadsStrictlyIntoKubernetesTypes() {
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<ObjectNode> resources = Manifests.render(overlay);
            assertThat(resources).isNotEmpty();
            for (ObjectNode resource : resources) {
                StrictKubernetes.parse(resource, overlay + " " + Kustomize.id(resource));
            }
        }));
    }

    @Test
    void theOverlaysAreDevAndProdEachInItsOwnNamespace() {
        assertThat(Manifests.overlays()).containsExactly("dev", "prod");
        for (String overlay : Manifests.overlays()) {
            Set<String> namespaces = new TreeSet<>();
            Manifests.render(overlay).stream().filter(resource -> !resource.path("kind").asText().equals("Namespace"))
                    .forEach(resource -> namespaces.add(resource.path("metadata").path("namespace").asText("(none)")));
            assertThat(namespaces).as("namespaces of %s", overlay).hasSize(1);
            assertThat(Manifests.ofKind(overlay, "Namespace")).as("%s's Namespace", overlay).singleElement()
                    .satisfies(namespace -> assertThat(namespace.path("metadata").path("name").asText()).isEqualTo(namespaces.iterator().next()))
                    .satisfies(namespace -> assertThat(namespace.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText())
                            .isEqualTo("restricted"));
        }
    }

    @TestFactory
    Stream<DynamicTest> theRendererAgreesWithKubectlKustomize() {
        Assumptions.assumeTrue(kubectlKustomizeAvailable(), "kubectl (with its built-in kustomize) is not installed: the"
                + " overlays are rendered by deploy/checks' own Kustomize subset only");
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            Map<String, ObjectNode> ours = new TreeMap<>(Kustomize.byId(Manifests.render(overlay)));
            Map<String, ObjectNode> theirs = new TreeMap<>();
            Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
            try {
                Process process = new ProcessBuilder("kubectl", "kustomize", Manifests.K8S.resolve("overlays").resolve(overlay).toString())
                        .redirectOutput(output.toFile()).redirectErrorStream(false).start();
                String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as("kubectl kustomize: %s", errors).isZero();
                Kustomize.readAll(output).forEach(resource -> theirs.put(Kustomize.id(resource), resource));
            }
            finally {
                Files.deleteIfExists(output);
            }
            assertThat(ours.keySet()).as("resources").containsExactlyElementsOf(theirs.keySet());
            ours.forEach((id, resource) -> assertThat(resource).as(id).isEqualTo(theirs.get(id)));
        }));
    }

    @Test
    void noSecretValueIsInTheRepository() {
        for (String overlay : Manifests.overlays()) {
            assertThat(Manifests.ofKind(overlay, "Secret")).as("Secrets in %s (reference them; create them in the cluster)", overlay).isEmpty();
            for (ObjectNode configMap : Manifests.ofKind(overlay, "ConfigMap")) {
                configMap.path("data").fields().forEachRemaining(entry -> {
                    if (entry.getKey().matches(".*(PASSWORD|SECRET|TOKEN|API_KEY|SIGNING_KEY|ACCESS_KEY).*")
                            && !entry.getValue().asText().startsWith("/") && !entry.getKey().endsWith("_URL")) {
                        throw new AssertionError(overlay + ": ConfigMap " + configMap.path("metadata").path("name").asText()
                                + " holds " + entry.getKey() + ": a secret belongs in a Secret");
                    }
                });
            }
            for (ObjectNode workload : Manifests.workloads(overlay)) {
                for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
                    for (JsonNode entry : container.path("env")) {
                        if (entry.path("name").asText().matches(".*(PASSWORD|SECRET|API_KEY|SIGNING_KEY|_AUTH).*")) {
                            assertThat(entry.has("value")).as("%s %s: %s is a literal value", overlay,
                                    workload.path("metadata").path("name").asText(), entry.path("name").asText()).isFalse();
                        }
                    }
                }
            }
        }
    }

    @Test
    void theDevSecretsScriptMakesEveryRequiredSecretTheOverlayReferences() {
        Map<String, Set<String>> created = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^secret (\\S+) (.*)$").matcher(FLEET.read("deploy/k8s/overlays/dev/create-secrets.sh"));
        while (line.find()) {
            Set<String> keys = new TreeSet<>();
            Matcher key = Pattern.compile("--from-literal=([a-z0-9-]+)=").matcher(line.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
            created.put(line.group(1), keys);
        }
        Set<String> required = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        for (ObjectNode workload : Manifests.workloads("dev")) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode entry : container.path("env")) {
                    JsonNode secret = entry.path("valueFrom").path("secretKeyRef");
                    if (!secret.isMissingNode()) {
                        String reference = secret.path("name").asText() + "/" + secret.path("key").asText();
                        referenced.add(reference);
                        if (!secret.path("optional").asBoolean(false)) {
                            required.add(reference);
                        }
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret") && !volume.path("secret").path("optional").asBoolean(false)) {
                    required.add(volume.path("secret").path("secretName").asText() + "/*");
                }
            }
        }
        Set<String> made = new TreeSet<>();
        created.forEach((name, keys) -> keys.forEach(key -> made.add(name + "/" + key)));
        assertThat(made).as("what create-secrets.sh makes covers every required reference").containsAll(required);
        Set<String> stray = new TreeSet<>(made);
        stray.removeAll(referenced);
        // Made ahead for a service of the fleet table the overlay does not deploy yet (its role exists already).
        stray.removeIf(reference -> FLEET.table().stream().filter(service -> !Manifests.deployed("dev").contains(service))
                .anyMatch(service -> reference.startsWith(service.name() + "-")));
        assertThat(stray).as("what create-secrets.sh makes that nothing reads").isEmpty();
    }

    @Test
    void thePostgresInitScriptIsTheOneComposeUsesAndKnowsEverySchema() {
        assertThat(FLEET.read("deploy/k8s/overlays/dev/postgres/10-service-roles.sh"))
                .as("deploy/k8s/overlays/dev/postgres/10-service-roles.sh is a copy of deploy/compose/postgres-init/10-service-roles.sh")
                .isEqualTo(FLEET.read("deploy/compose/postgres-init/10-service-roles.sh"));
        tools.jackson.databind.JsonNode compose = Fleet.YAML.readTree(FLEET.read("docker-compose.yml"));
        String composeRoles = compose.path("services").path("postgres").path("environment").path("LWM_DB_ROLES").asString().trim();
        ObjectNode postgres = Manifests.find("dev", "StatefulSet", "postgres");
        assertThat(postgres).isNotNull();
        Map<String, Manifests.Value> env = Manifests.environment("dev", Manifests.container(postgres, "postgres"));
        assertThat(env.get("LWM_DB_ROLES").value()).as("the same roles as docker-compose.yml").isEqualTo(composeRoles);
        SoftAssertions soft = new SoftAssertions();
        for (Fleet.Service service : FLEET.table()) {
            if (service.schema() != null) {
                Manifests.Value password = env.get("LWM_DB_PASSWORD_" + service.variableName());
                soft.assertThat(password).as("postgres gets %s's password", service.name()).isNotNull();
                if (password != null) {
                    soft.assertThat(password.secret() + "/" + password.key()).isEqualTo(service.name() + "-db/password");
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void devRunsPostgres18AndRedisInTheClusterAndProdExpectsThemOutside() {
        assertThat(image("dev", "StatefulSet", "postgres")).isEqualTo("postgres:18");
        assertThat(image("dev", "StatefulSet", "redis")).startsWith("redis:");
        for (String name : List.of("postgres", "redis", "minio", "mail", "payment-sandbox")) {
            assertThat(Manifests.workloads("prod")).as("prod runs no %s", name)
                    .noneMatch(workload -> workload.path("metadata").path("name").asText().equals(name));
        }
        String devUrl = Manifests.find("dev", "ConfigMap", "lwm-database").path("data").path("SPRING_DATASOURCE_URL").asText();
        assertThat(devUrl).isEqualTo("jdbc:postgresql://postgres:5432/linkwithmentor");
        String prodUrl = Manifests.find("prod", "ConfigMap", "lwm-database").path("data").path("SPRING_DATASOURCE_URL").asText();
        assertThat(prodUrl).startsWith("jdbc:postgresql://").contains("sslmode=verify-full")
                .contains("sslrootcert=/etc/lwm/postgres-ca/ca.crt").contains("prepareThreshold=0");
        for (Fleet.Service service : Manifests.deployed("prod")) {
            if (FLEET.usesDatabase(service)) {
                ObjectNode deployment = Manifests.find("prod", "Deployment", service.name());
                assertThat(mountedSecret(deployment, "/etc/lwm/postgres-ca")).as("%s mounts the database CA", service.name())
                        .isEqualTo("postgres-ca");
            }
        }
    }

    @Test
    void prodServesTheGatewayCertificateFromASecretAndDevMakesItsOwn() {
        ObjectNode prod = Manifests.find("prod", "Deployment", "gateway-service");
        Map<String, Manifests.Value> env = Manifests.environment("prod", Manifests.container(prod, "gateway-service"));
        assertThat(env.get("LWM_GATEWAY_TLS_CERTIFICATE").value()).isEqualTo("/etc/lwm/tls/tls.crt");
        assertThat(env.get("LWM_GATEWAY_TLS_PRIVATE_KEY").value()).isEqualTo("/etc/lwm/tls/tls.key");
        assertThat(env).doesNotContainKey("LWM_GATEWAY_DEV_CERT_DIR");
        assertThat(mountedSecret(prod, "/etc/lwm/tls")).isEqualTo("gateway-tls");
        ObjectNode dev = Manifests.find("dev", "Deployment", "gateway-service");
        Map<String, Manifests.Value> devEnv = Manifests.environment("dev", Manifests.container(dev, "gateway-service"));
        assertThat(devEnv).doesNotContainKeys("LWM_GATEWAY_TLS_CERTIFICATE", "LWM_GATEWAY_TLS_PRIVATE_KEY");
        assertThat(devEnv.get("LWM_GATEWAY_DEV_CERT_DIR").value()).as("a self-signed one, in the writable /tmp").startsWith("/tmp/");
    }

    @Test
    void prodImagesComeFromARegistryAndDevImagesAreTheTarballsTags() {
        String version = ComposeFileTests.projectVersion();
        for (Fleet.Service service : Manifests.deployed("dev")) {
            assertThat(image("dev", "Deployment", service.name())).isEqualTo("linkwithmentor/" + service.artifact() + ":" + version);
        }
        for (Fleet.Service service : Manifests.deployed("prod")) {
            assertThat(image("prod", "Deployment", service.name())).as(service.name())
                    .matches("[a-z0-9.-]+(:[0-9]+)?/linkwithmentor/" + service.artifact() + ":[A-Za-z0-9._-]+")
                    .doesNotEndWith("SNAPSHOT");
        }
    }

    private static String image(String overlay, String kind, String name) {
        ObjectNode workload = Manifests.find(overlay, kind, name);
        assertThat(workload).as("%s %s in %s", kind, name, overlay).isNotNull();
        return Manifests.container(workload, name).path("image").asText();
    }

    /** The Secret mounted at {@code path} in the workload's first container, or null. */
    static String mountedSecret(JsonNode workload, String path) {
        JsonNode pod = workload.path("spec").path("template").path("spec");
        for (JsonNode mount : pod.path("containers").path(0).path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("secret")) {
                        return volume.path("secret").path("secretName").asText();
                    }
                }
            }
        }
        return null;
    }

    private static boolean kubectlKustomizeAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", "--help").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.asText()));
        return values;
    }
}
