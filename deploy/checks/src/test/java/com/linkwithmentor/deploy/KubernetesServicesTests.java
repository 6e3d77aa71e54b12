package com.linkwithmentor.deploy;

import static com.linkwithmentor.deploy.Manifests.FLEET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each service of the fleet table, in each rendered overlay, has every piece a service needs there
 * — Deployment (probes on the actuator endpoints, a startup probe, requests and limits, non-root,
 * read-only root with /tmp, no capabilities, a preStop pause inside its grace period), Service,
 * ConfigMap, Secret references, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy — and
 * its port, probes, image and environment agree with fleet-services.conf and its own
 * application.yml. A service whose module lands with its table row is checked here at once.
 */
class KubernetesServicesTests {

    /** Development stand-ins: only the dev overlay runs them. */
    private static final Set<String> DEV_ONLY = Set.of("payment-sandbox");
    private static final Pattern SERVER_PORT_DEFAULT = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}");

    @TestFactory
    Stream<DynamicContainer> eachServiceHasEveryPieceInEachOverlay() {
        return Manifests.overlays().stream().map(overlay -> DynamicContainer.dynamicContainer(overlay,
                expected(overlay).stream().map(service -> DynamicTest.dynamicTest(service.name(), () -> check(overlay, service)))));
    }

    private static List<Fleet.Service> expected(String overlay) {
        return FLEET.built().stream().filter(service -> overlay.equals("dev") || !DEV_ONLY.contains(service.name())).toList();
    }

    private void check(String overlay, Fleet.Service service) {
        String name = service.name();
        ObjectNode deployment = Manifests.find(overlay, "Deployment", name);
        assertThat(deployment).as("%s: a Deployment %s (deploy/k8s/base/%s/ or the overlay)", overlay, name, name).isNotNull();
        SoftAssertions soft = new SoftAssertions();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = Manifests.container(deployment, name);
        Map<String, String> podLabels = Manifests.podLabels(deployment);

        // The table, the application.yml and the manifests say the same port.
        Matcher portDefault = SERVER_PORT_DEFAULT.matcher(FLEET.applicationYaml(service));
        soft.assertThat(portDefault.find() ? Integer.parseInt(portDefault.group(1)) : -1)
                .as("server.port's default in %s's application.yml", name).isEqualTo(service.port());

        soft.assertThat(deployment.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())
                .as("selector").isEqualTo(name);
        soft.assertThat(podLabels).as("pod labels").containsEntry("app.kubernetes.io/name", name);
        soft.assertThat(deployment.path("spec").has("replicas")).as("replicas left to the HorizontalPodAutoscaler").isFalse();
        soft.assertThat(container.path("name").asText()).as("container name").isEqualTo(name);
        soft.assertThat(container.path("image").asText()).as("image").contains("linkwithmentor/" + service.artifact() + ":");

        // Ports and probes.
        soft.assertThat(containerPort(container, "http", "TCP")).as("containerPort http").isEqualTo(service.port());
        if (service.socketPort() != null) {
            soft.assertThat(containerPort(container, "ws", "TCP")).as("containerPort ws (the socket server)").isEqualTo(service.socketPort());
        }
        probe(soft, container, "startupProbe", "/actuator/health/liveness");
        probe(soft, container, "livenessProbe", "/actuator/health/liveness");
        probe(soft, container, "readinessProbe", "/actuator/health/readiness");

        // Resources, security, draining.
        for (String resource : List.of("cpu", "memory")) {
            soft.assertThat(container.path("resources").path("requests").path(resource).asText()).as("requests.%s", resource).isNotEmpty();
            soft.assertThat(container.path("resources").path("limits").path(resource).asText()).as("limits.%s", resource).isNotEmpty();
        }
        soft.assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as("runAsNonRoot").isTrue();
        soft.assertThat(pod.path("securityContext").path("runAsUser").asInt(0)).as("runAsUser").isEqualTo(65532);
        soft.assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as("seccomp").isEqualTo("RuntimeDefault");
        soft.assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("automountServiceAccountToken").isFalse();
        JsonNode security = container.path("securityContext");
        soft.assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as("readOnlyRootFilesystem").isTrue();
        soft.assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("allowPrivilegeEscalation").isFalse();
        soft.assertThat(KubernetesManifestsTests.texts(security.path("capabilities").path("drop"))).as("capabilities.drop").containsExactly("ALL");
        soft.assertThat(emptyDirAt(pod, container, "/tmp")).as("an emptyDir at /tmp").isTrue();
        int preStop = container.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt(0);
        soft.assertThat(preStop).as("preStop sleep: endpoints drop the pod before it stops").isPositive();
        // Spring's graceful shutdown waits up to 30 s (spring.lifecycle.timeout-per-shutdown-phase).
        soft.assertThat(pod.path("terminationGracePeriodSeconds").asInt(30)).as("terminationGracePeriodSeconds")
                .isGreaterThanOrEqualTo(preStop + 30);

        // Service, ConfigMap, autoscaler, disruption budget, own network policy.
        ObjectNode k8sService = Manifests.find(overlay, "Service", name);
        soft.assertThat(k8sService).as("Service %s", name).isNotNull();
        if (k8sService != null) {
            soft.assertThat(k8sService.path("spec").path("selector").path("app.kubernetes.io/name").asText()).as("Service selector").isEqualTo(name);
            soft.assertThat(servicePort(k8sService, "http", "TCP")).as("Service port http (what other services' URLs name)").isEqualTo(service.port());
            if (service.socketPort() != null) {
                soft.assertThat(servicePort(k8sService, "ws", "TCP")).as("Service port ws").isEqualTo(service.socketPort());
            }
            boolean edge = name.equals("gateway-service");
            soft.assertThat(k8sService.path("spec").path("type").asText("ClusterIP")).as("Service type")
                    .isEqualTo(edge ? "LoadBalancer" : "ClusterIP");
        }
        List<String> configMaps = new ArrayList<>();
        container.path("envFrom").forEach(source -> configMaps.add(source.path("configMapRef").path("name").asText()));
        soft.assertThat(configMaps).as("envFrom its own ConfigMap").contains(name);
        ObjectNode hpa = Manifests.find(overlay, "HorizontalPodAutoscaler", name);
        soft.assertThat(hpa).as("HorizontalPodAutoscaler %s", name).isNotNull();
        if (hpa != null) {
            soft.assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText() + "/" + hpa.path("spec").path("scaleTargetRef").path("name").asText())
                    .as("HPA target").isEqualTo("Deployment/" + name);
            soft.assertThat(hpa.path("spec").path("minReplicas").asInt()).as("minReplicas").isPositive()
                    .isLessThanOrEqualTo(hpa.path("spec").path("maxReplicas").asInt());
            if (overlay.equals("prod")) {
                soft.assertThat(hpa.path("spec").path("minReplicas").asInt()).as("prod: two replicas at least, for rolling restarts").isGreaterThanOrEqualTo(2);
            }
        }
        ObjectNode pdb = Manifests.find(overlay, "PodDisruptionBudget", name);
        soft.assertThat(pdb).as("PodDisruptionBudget %s", name).isNotNull();
        if (pdb != null) {
            soft.assertThat(pdb.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText()).as("PDB selector").isEqualTo(name);
        }
        soft.assertThat(Manifests.find(overlay, "NetworkPolicy", name)).as("NetworkPolicy %s", name).isNotNull();

        checkEnvironment(soft, overlay, service, container, podLabels);
        soft.assertAll();
    }

    /** The variables it is given match what it reads, and secrets come from Secrets. */
    private void checkEnvironment(SoftAssertions soft, String overlay, Fleet.Service service, JsonNode container, Map<String, String> podLabels) {
        Map<String, Manifests.Value> env = Manifests.environment(overlay, container);
        Fleet.Service users = FLEET.service("user-service");
        soft.assertThat(value(env, "SERVER_PORT")).as("SERVER_PORT").isEqualTo(Integer.toString(service.port()));
        if (service.socketPort() != null && FLEET.reads(service, "LWM_REALTIME_PORT")) {
            soft.assertThat(value(env, "LWM_REALTIME_PORT")).as("LWM_REALTIME_PORT").isEqualTo(service.socketPort().toString());
        }
        if (FLEET.usesDatabase(service)) {
            soft.assertThat(value(env, "SPRING_DATASOURCE_URL")).as("SPRING_DATASOURCE_URL").startsWith("jdbc:postgresql://");
            if (overlay.equals("prod")) {
                soft.assertThat(value(env, "SPRING_DATASOURCE_URL")).as("prod: TLS, verified").contains("sslmode=verify-full");
            }
            soft.assertThat(value(env, "LWM_DB_SCHEMA")).as("LWM_DB_SCHEMA").isEqualTo(service.schema());
            soft.assertThat(secret(env, "SPRING_DATASOURCE_USERNAME")).as("its own role").isEqualTo(service.name() + "-db/username");
            soft.assertThat(secret(env, "SPRING_DATASOURCE_PASSWORD")).isEqualTo(service.name() + "-db/password");
        }
        soft.assertThat(podLabels.get("linkwithmentor.com/postgres")).as("label linkwithmentor.com/postgres (PostgreSQL egress)")
                .isEqualTo(FLEET.usesDatabase(service) ? "client" : null);
        if (FLEET.usesRedis(service)) {
            soft.assertThat(secret(env, "LWM_REDIS_URL")).as("LWM_REDIS_URL (holds the password)").isEqualTo("redis/url");
        }
        soft.assertThat(podLabels.get("linkwithmentor.com/redis")).as("label linkwithmentor.com/redis (Redis egress)")
                .isEqualTo(FLEET.usesRedis(service) ? "client" : null);
        if (FLEET.usesJwks(service)) {
            soft.assertThat(value(env, "LWM_JWKS_URL")).as("LWM_JWKS_URL").isEqualTo(users.url() + "/api/v1/auth/jwks");
        }
        if (FLEET.isServiceClient(service)) {
            soft.assertThat(value(env, "LWM_SERVICE_TOKEN_URL")).as("LWM_SERVICE_TOKEN_URL").isEqualTo(users.url() + "/api/v1/auth/token");
            soft.assertThat(secret(env, "LWM_SERVICE_CLIENT_SECRET")).as("its client secret").isEqualTo(service.name() + "-client/secret");
        }
        if (service.name().equals("user-service")) {
            for (String client : FLEET.serviceClients()) {
                String variable = "LWM_SERVICE_SECRET_" + client.toUpperCase().replace('-', '_');
                soft.assertThat(secret(env, variable)).as("user-service knows %s's secret", client).isEqualTo(client + "-client/secret");
            }
        }
        Set<String> deployed = new TreeSet<>();
        Manifests.deployed(overlay).forEach(other -> deployed.add(other.name()));
        FLEET.serviceUrls(service).forEach((variable, target) -> {
            String targetName = target.service().name();
            if (deployed.contains(targetName)) {
                soft.assertThat(value(env, variable)).as("%s (to the %s Service)", variable, targetName).isEqualTo(target.url());
            }
            else if (FLEET.built().contains(target.service())) {
                soft.assertThat(env).as("%s: %s is not deployed in %s", variable, targetName, overlay).doesNotContainKey(variable);
            }
            else if (env.containsKey(variable)) {
                soft.assertThat(value(env, variable)).as("%s (to %s, still planned)", variable, targetName).isEqualTo(target.url());
            }
        });
        if (FLEET.usesSmtp(service)) {
            soft.assertThat(value(env, "LWM_SMTP_HOST")).as("LWM_SMTP_HOST").isNotEmpty();
        }
        if (FLEET.usesStorage(service)) {
            soft.assertThat(value(env, "LWM_STORAGE_TYPE")).as("LWM_STORAGE_TYPE: shared media across replicas").isEqualTo("s3");
            soft.assertThat(value(env, "LWM_S3_BUCKET")).as("LWM_S3_BUCKET").isNotEmpty();
            soft.assertThat(podLabels.get("linkwithmentor.com/s3")).as("label linkwithmentor.com/s3").isEqualTo("client");
        }
        Set<String> unknown = new TreeSet<>(env.keySet());
        unknown.removeAll(FLEET.knownVariables(service));
        soft.assertThat(unknown).as("variables %s does not read (a typo would be ignored silently)", service.name()).isEmpty();
        env.forEach((variable, value) -> {
            if (value.isSecret()) {
                soft.assertThat(value.key()).as("%s's Secret key", variable).isNotEmpty();
            }
        });
    }

    private static @Nullable String value(Map<String, Manifests.Value> env, String variable) {
        Manifests.Value value = env.get(variable);
        return value == null ? null : value.value();
    }

    private static @Nullable String secret(Map<String, Manifests.Value> env, String variable) {
        Manifests.Value value = env.get(variable);
        return value == null || !value.isSecret() ? null : value.secret() + "/" + value.key();
    }

    private static void probe(SoftAssertions soft, JsonNode container, String probe, String path) {
        JsonNode get = container.path(probe).path("httpGet");
        soft.assertThat(get.path("path").asText()).as("%s path", probe).isEqualTo(path);
        soft.assertThat(get.path("port").asText()).as("%s port", probe).isEqualTo("http");
    }

    private static int containerPort(JsonNode container, String name, String protocol) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name) && port.path("protocol").asText("TCP").equals(protocol)) {
                return port.path("containerPort").asInt();
            }
        }
        return -1;
    }

    static int servicePort(JsonNode service, String name, String protocol) {
        for (JsonNode port : service.path("spec").path("ports")) {
            if (port.path("name").asText().equals(name) && port.path("protocol").asText("TCP").equals(protocol)) {
                return port.path("port").asInt();
            }
        }
        return -1;
    }

    private static boolean emptyDirAt(JsonNode pod, JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
