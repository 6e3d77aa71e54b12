package com.linkwithmentor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml, without a Docker engine: valid against the Compose specification's JSON
 * schema (deploy/compose/compose-spec.json, from compose-spec/compose-spec), and in agreement with
 * the fleet table and each service's own configuration — every service there with its port, its
 * health check, the hardening, its dependencies and every variable it needs, and no variable it
 * does not read.
 */
class ComposeFileTests {

    private static final Fleet FLEET = Fleet.load();
    private static final JsonNode COMPOSE = Fleet.YAML.readTree(FLEET.read("docker-compose.yml"));
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(?::?[-?][^}]*)?}$");
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?");
    private static final String READINESS = "/actuator/health/readiness";

    @Test
    void followsTheComposeSpecification() {
        assertThat(composeSpecErrors(COMPOSE)).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesAMisspelledKey() {
        ObjectNode broken = (ObjectNode) COMPOSE.deepCopy();
        ((ObjectNode) broken.path("services").path("user-service")).set("healthchek", broken.path("services").path("user-service").path("healthcheck"));
        assertThat(composeSpecErrors(broken)).anySatisfy(error -> assertThat(error).contains("healthchek"));
    }

    @Test
    void everyServiceOfTheFleetIsInIt() {
        List<String> missing = FLEET.built().stream().map(Fleet.Service::name)
                .filter(name -> !COMPOSE.path("services").has(name)).toList();
        assertThat(missing).as("services of fleet-services.conf without a block in docker-compose.yml"
                + " (still planned, so not required yet: %s)", FLEET.planned().stream().map(Fleet.Service::name).toList())
                .isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> eachServiceIsConfiguredAsTheFleetTableAndItsApplicationYamlSay() {
        return FLEET.built().stream().map(service -> DynamicTest.dynamicTest(service.name(), () -> checkService(service)));
    }

    private void checkService(Fleet.Service service) {
        JsonNode block = COMPOSE.path("services").path(service.name());
        assertThat(block.isObject()).as("%s has a block in docker-compose.yml", service.name()).isTrue();
        Map<String, String> env = environment(block);
        SoftAssertions soft = new SoftAssertions();

        soft.assertThat(block.path("image").asString()).as("image")
                .isEqualTo("linkwithmentor/" + service.artifact() + ":${LWM_IMAGE_TAG:-" + projectVersion() + "}");
        soft.assertThat(block.path("user").asString()).as("user").isEqualTo("65532:65532");
        soft.assertThat(block.path("read_only").asBoolean()).as("read_only").isTrue();
        soft.assertThat(strings(block.path("tmpfs"))).as("tmpfs").contains("/tmp");
        soft.assertThat(strings(block.path("cap_drop"))).as("cap_drop").containsExactly("ALL");
        soft.assertThat(strings(block.path("security_opt"))).as("security_opt").contains("no-new-privileges:true");
        soft.assertThat(block.path("stop_grace_period").asString()).as("stop_grace_period: time to drain").isNotEmpty();

        // Port and health check: the image's java runs the probe against readiness on that port.
        soft.assertThat(env.get("SERVER_PORT")).as("SERVER_PORT").isEqualTo(Integer.toString(service.port()));
        soft.assertThat(containerPorts(block)).as("exposed or published ports").contains(service.port());
        List<String> test = strings(block.path("healthcheck").path("test"));
        soft.assertThat(test).as("healthcheck.test").startsWith("CMD", "java")
                .containsSequence("-cp", "/opt/lwm/probe", "HealthProbe", "http://127.0.0.1:" + service.port() + READINESS);
        soft.assertThat(block.path("healthcheck").path("start_period").asString()).as("healthcheck.start_period").isNotEmpty();

        if (FLEET.servesSockets(service)) {
            soft.assertThat(containerPorts(block)).as("socket port exposed").contains(service.socketPort());
            if (FLEET.reads(service, "LWM_REALTIME_PORT")) {
                soft.assertThat(env.get("LWM_REALTIME_PORT")).as("LWM_REALTIME_PORT").isEqualTo(String.valueOf(service.socketPort()));
            }
        }

        if (FLEET.usesDatabase(service)) {
            soft.assertThat(env.get("SPRING_DATASOURCE_URL")).as("SPRING_DATASOURCE_URL")
                    .isEqualTo("jdbc:postgresql://postgres:5432/linkwithmentor");
            soft.assertThat(env.get("SPRING_DATASOURCE_USERNAME")).as("its own role").isEqualTo(service.role());
            soft.assertThat(reference(env.get("SPRING_DATASOURCE_PASSWORD"))).as("SPRING_DATASOURCE_PASSWORD from .env")
                    .isEqualTo(dbPasswordVariable(service));
            soft.assertThat(env.get("LWM_DB_SCHEMA")).as("LWM_DB_SCHEMA").isEqualTo(service.schema());
            soft.assertThat(dependsOnHealthy(block)).as("depends_on").contains("postgres");
        }
        if (FLEET.usesRedis(service)) {
            soft.assertThat(env.get("LWM_REDIS_URL")).as("LWM_REDIS_URL")
                    .isEqualTo("redis://:${LWM_REDIS_PASSWORD:?set LWM_REDIS_PASSWORD in .env}@redis:6379");
            soft.assertThat(dependsOnHealthy(block)).as("depends_on").contains("redis");
        }
        Fleet.Service users = FLEET.service("user-service");
        if (FLEET.usesJwks(service)) {
            soft.assertThat(env.get("LWM_JWKS_URL")).as("LWM_JWKS_URL").isEqualTo(users.url() + "/api/v1/auth/jwks");
            soft.assertThat(dependsOnHealthy(block)).as("depends_on").contains("user-service");
        }
        if (FLEET.isServiceClient(service)) {
            soft.assertThat(env.get("LWM_SERVICE_TOKEN_URL")).as("LWM_SERVICE_TOKEN_URL").isEqualTo(users.url() + "/api/v1/auth/token");
            soft.assertThat(reference(env.get("LWM_SERVICE_CLIENT_SECRET"))).as("LWM_SERVICE_CLIENT_SECRET from .env")
                    .isEqualTo(clientSecretVariable(service));
        }
        if (service.name().equals("user-service")) {
            for (String client : FLEET.serviceClients()) {
                String variable = "LWM_SERVICE_SECRET_" + client.toUpperCase().replace('-', '_');
                soft.assertThat(reference(env.get(variable))).as("user-service knows %s's secret (%s)", client, variable)
                        .isEqualTo(variable);
            }
        }
        FLEET.serviceUrls(service).forEach((variable, target) -> {
            if (COMPOSE.path("services").has(target.service().name()) || env.containsKey(variable)) {
                soft.assertThat(env.get(variable)).as(variable).isEqualTo(target.url());
            }
        });
        if (FLEET.usesSmtp(service)) {
            soft.assertThat(env.get("LWM_SMTP_HOST")).as("LWM_SMTP_HOST: the dev mail server").isEqualTo("mail");
            soft.assertThat(env.get("LWM_SMTP_PORT")).as("LWM_SMTP_PORT").isEqualTo("1025");
        }
        if (FLEET.usesStorage(service)) {
            String dir = env.get("LWM_STORAGE_DIR");
            soft.assertThat(dir).as("LWM_STORAGE_DIR").isNotNull();
            soft.assertThat(volumeTargets(block)).as("a volume holds LWM_STORAGE_DIR").contains(dir);
        }

        // Nothing it does not read: a misspelt variable would silently be ignored.
        Set<String> unknown = new TreeSet<>(env.keySet());
        unknown.removeAll(FLEET.knownVariables(service));
        soft.assertThat(unknown).as("variables %s does not read (application.yml, common-lib)", service.name()).isEmpty();
        // Secrets come from .env, never from this file.
        env.forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|SECRET|_KEY|SIGNING_KEYS).*")) {
                soft.assertThat(reference(value)).as("%s is a ${...} reference, not a value", name).isNotNull();
            }
        });
        soft.assertAll();
    }

    @Test
    void theGatewayIsTheEdgeOnTcp8080And8443AndUdp8443() {
        JsonNode gateway = COMPOSE.path("services").path("gateway-service");
        assertThat(strings(gateway.path("ports"))).contains("8080:8080/tcp", "8443:8443/tcp", "8443:8443/udp");
        Set<String> routed = new TreeSet<>();
        FLEET.routed().stream().filter(FLEET.built()::contains).forEach(service -> routed.add(service.name()));
        assertThat(dependsOnHealthy(gateway)).as("the gateway starts once what it routes to is ready").containsAll(routed);
    }

    @Test
    void onlyTheEdgeAndTheDevelopmentToolsArePublished() {
        Set<String> published = new TreeSet<>();
        COMPOSE.path("services").properties().forEach(entry -> {
            if (entry.getValue().has("ports")) {
                published.add(entry.getKey());
            }
        });
        assertThat(published).containsExactlyInAnyOrder("gateway-service", "payment-sandbox", "mail", "coturn");
    }

    @Test
    void postgresMakesOneRolePerSchemaWithTheExtensionsItsMigrationsUse() {
        Map<String, String> env = environment(COMPOSE.path("services").path("postgres"));
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, Set<String>> extensions = new LinkedHashMap<>();
        for (String entry : env.getOrDefault("LWM_DB_ROLES", "").trim().split("\\s+")) {
            String[] parts = entry.split(":");
            roles.put(parts[0], parts[1]);
            extensions.put(parts[0], parts.length > 2 ? Set.of(parts[2].split(",")) : Set.of());
        }
        SoftAssertions soft = new SoftAssertions();
        for (Fleet.Service service : FLEET.table()) {
            if (service.schema() == null) {
                continue;
            }
            soft.assertThat(roles.get(service.role())).as("LWM_DB_ROLES has %s:%s", service.role(), service.schema())
                    .isEqualTo(service.schema());
            soft.assertThat(reference(env.get(dbPasswordVariable(service)))).as("postgres gets %s", dbPasswordVariable(service))
                    .isEqualTo(dbPasswordVariable(service));
            if (FLEET.built().contains(service)) {
                soft.assertThat(extensions.getOrDefault(service.role(), Set.of())).as("extensions made for %s", service.role())
                        .containsExactlyInAnyOrderElementsOf(FLEET.extensions(service));
            }
        }
        soft.assertThat(strings(COMPOSE.path("services").path("postgres").path("volumes")))
                .contains("./deploy/compose/postgres-init:/docker-entrypoint-initdb.d:ro");
        soft.assertAll();
    }

    @Test
    void everyRequiredVariableIsListedInEnvExample() {
        Set<String> required = new TreeSet<>();
        for (String line : FLEET.read("docker-compose.yml").split("\n")) {
            Matcher matcher = REQUIRED.matcher(line.strip().startsWith("#") ? "" : line);
            while (matcher.find()) {
                required.add(matcher.group(1));
            }
        }
        Set<String> listed = new TreeSet<>();
        for (String line : FLEET.read(".env.example").split("\n")) {
            Matcher key = Pattern.compile("^([A-Z][A-Z0-9_]*)=").matcher(line);
            if (key.find()) {
                listed.add(key.group(1));
            }
        }
        assertThat(listed).containsAll(required);
        assertThat(FLEET.read(".gitignore")).contains("\n.env\n");
    }

    private static List<String> composeSpecErrors(JsonNode compose) {
        JsonNode spec = JsonMapper.builder().build().readTree(FLEET.read("deploy/compose/compose-spec.json"));
        // The schema's $id is relative ("compose_spec.json"): it resolves against where the file is.
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of(FLEET.path("deploy/compose/compose-spec.json").toUri().toString()), spec);
        List<String> errors = new ArrayList<>();
        for (Error error : schema.validate(compose)) {
            errors.add(error.toString());
        }
        return errors;
    }

    private static String dbPasswordVariable(Fleet.Service service) {
        return "LWM_DB_PASSWORD_" + service.variableName();
    }

    private static String clientSecretVariable(Fleet.Service service) {
        return "LWM_SERVICE_SECRET_" + service.variableName();
    }

    /** The variable a {@code ${VAR}}, {@code ${VAR:-default}} or {@code ${VAR:?error}} value names, else null. */
    private static @Nullable String reference(@Nullable String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = REFERENCE.matcher(value.trim());
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static Map<String, String> environment(JsonNode block) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = block.path("environment");
        if (environment.isArray()) {
            environment.forEach(item -> {
                String[] pair = item.asString().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        else {
            environment.properties().forEach(entry -> env.put(entry.getKey(), entry.getValue().asString()));
        }
        return env;
    }

    private static Set<String> dependsOnHealthy(JsonNode block) {
        Set<String> healthy = new TreeSet<>();
        block.path("depends_on").properties().forEach(entry -> {
            if (entry.getValue().path("condition").asString().equals("service_healthy")) {
                healthy.add(entry.getKey());
            }
        });
        return healthy;
    }

    /** Container-side ports from expose and ports ("8080", "8080:8080/tcp", "127.0.0.1:8095:8095"). */
    private static Set<Integer> containerPorts(JsonNode block) {
        Set<Integer> ports = new TreeSet<>();
        strings(block.path("expose")).forEach(port -> ports.add(Integer.parseInt(port.split("/")[0])));
        for (String mapping : strings(block.path("ports"))) {
            String[] parts = mapping.split("/")[0].split(":");
            String container = parts[parts.length - 1];
            if (!container.contains("-")) {
                ports.add(Integer.parseInt(container));
            }
        }
        return ports;
    }

    private static Set<String> volumeTargets(JsonNode block) {
        Set<String> targets = new TreeSet<>();
        for (String volume : strings(block.path("volumes"))) {
            targets.add(volume.split(":")[1]);
        }
        return targets;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.asString()));
        return values;
    }

    static String projectVersion() {
        Matcher matcher = Pattern.compile("<artifactId>linkwithmentor</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(FLEET.read("pom.xml"));
        assertThat(matcher.find()).as("the root pom's version").isTrue();
        return matcher.group(1);
    }
}
