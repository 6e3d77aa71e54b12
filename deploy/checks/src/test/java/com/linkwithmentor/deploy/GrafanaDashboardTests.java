package com.linkwithmentor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/grafana/linkwithmentor.json: a Grafana dashboard that parses, lays its panels out on the
 * 24-column grid, gives every panel a Prometheus query on the dashboard's data source variable, and
 * queries only metrics that exist — registered by the fleet's own code (Micrometer builders in any
 * module's main sources, named as the Prometheus registry writes them) or published by a library or
 * exporter this class names, with why it is there. It covers what issue 16 asks to alert on: request
 * latency, WebSocket connections, circuit-breaker state, stream consumer lag.
 */
class GrafanaDashboardTests {

    private static final Fleet FLEET = Fleet.load();
    private static final JsonNode DASHBOARD = JsonMapper.builder().build().readTree(FLEET.read("deploy/grafana/linkwithmentor.json"));

    private static final Pattern BUILDER = Pattern.compile("\\b(Gauge|Timer|Counter|DistributionSummary|LongTaskTimer)\\.builder\\(\"([a-z0-9_.]+)\"");

    /** Metrics the fleet's code does not register itself: who publishes them. */
    private static final Map<String, String> LIBRARY_METRICS = Map.ofEntries(
            Map.entry("http_server_requests_seconds_count", "Spring Boot's http.server.requests observation (servlet and WebFlux)"),
            Map.entry("http_server_requests_seconds_sum", "Spring Boot's http.server.requests observation"),
            Map.entry("http_server_requests_seconds_max", "Spring Boot's http.server.requests observation"),
            Map.entry("http_server_requests_seconds_bucket", "the same, with its percentiles histogram enabled"),
            Map.entry("jvm_memory_used_bytes", "Micrometer's JVM memory binder (Spring Boot)"),
            Map.entry("jvm_memory_max_bytes", "Micrometer's JVM memory binder (Spring Boot)"),
            Map.entry("process_cpu_usage", "Micrometer's processor binder (Spring Boot)"),
            Map.entry("hikaricp_connections_active", "HikariCP's metrics, bound by Spring Boot for every DataSource"),
            Map.entry("hikaricp_connections_pending", "HikariCP's metrics, bound by Spring Boot for every DataSource"),
            Map.entry("reactor_netty_connection_provider_active_connections", "the gateway's HTTP client pool (pool.metrics: true)"),
            Map.entry("reactor_netty_connection_provider_pending_connections", "the gateway's HTTP client pool (pool.metrics: true)"),
            Map.entry("resilience4j_circuitbreaker_state", "resilience4j-micrometer, with Spring Cloud CircuitBreaker's Resilience4j starter"),
            Map.entry("resilience4j_circuitbreaker_failure_rate", "resilience4j-micrometer, with Spring Cloud CircuitBreaker's Resilience4j starter"),
            Map.entry("redis_stream_group_lag", "redis_exporter (--check-streams) beside Redis: outside the fleet"),
            Map.entry("redis_stream_group_messages_pending", "redis_exporter (--check-streams) beside Redis: outside the fleet"));

    private static final Set<String> PROMQL_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool");

    @Test
    void isADashboardWithEveryPanelOnTheGridAndQueryingPrometheus() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(DASHBOARD.path("title").asString()).isNotBlank();
        soft.assertThat(DASHBOARD.path("uid").asString()).matches("[a-z0-9-]{1,40}");
        soft.assertThat(DASHBOARD.path("schemaVersion").asInt()).isPositive();
        List<String> variables = new ArrayList<>();
        DASHBOARD.path("templating").path("list").forEach(variable -> variables.add(variable.path("name").asString()));
        soft.assertThat(variables).as("template variables").contains("datasource");

        JsonNode panels = DASHBOARD.path("panels");
        soft.assertThat(panels.size()).as("panels").isGreaterThan(5);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asString();
            soft.assertThat(ids.add(panel.path("id").asInt())).as("%s: a unique id", title).isTrue();
            soft.assertThat(title).as("panel %s has a title", panel.path("id")).isNotBlank();
            JsonNode grid = panel.path("gridPos");
            soft.assertThat(grid.path("w").asInt() > 0 && grid.path("h").asInt() > 0 && grid.path("x").asInt() >= 0
                    && grid.path("x").asInt() + grid.path("w").asInt() <= 24 && grid.has("y")).as("%s: on the 24-column grid", title).isTrue();
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            soft.assertThat(panel.path("datasource").path("uid").asString()).as("%s: the dashboard's data source", title).isEqualTo("${datasource}");
            JsonNode targets = panel.path("targets");
            soft.assertThat(targets.size()).as("%s: has a query", title).isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : targets) {
                soft.assertThat(target.path("expr").asString()).as("%s: query %s", title, target.path("refId")).isNotBlank();
                soft.assertThat(refIds.add(target.path("refId").asString())).as("%s: refIds differ", title).isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void queriesOnlyMetricsThatExist() {
        Set<String> known = new TreeSet<>(registeredMetrics());
        known.addAll(LIBRARY_METRICS.keySet());
        Set<String> unknown = new TreeSet<>();
        queried().forEach(metric -> {
            if (!known.contains(metric)) {
                unknown.add(metric);
            }
        });
        assertThat(unknown).as("metrics the dashboard queries that nothing publishes (the fleet registers %s)", registeredMetrics()).isEmpty();
    }

    @Test
    void theLibraryMetricsItReliesOnAreThere() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(FLEET.read("common-lib/pom.xml")).as("every service exports to Prometheus").contains("<artifactId>micrometer-registry-prometheus</artifactId>");
        soft.assertThat(FLEET.read("gateway-service/src/main/resources/application.yml")).as("the gateway's pool metrics").contains("metrics: true");
        soft.assertThat(FLEET.built().stream().anyMatch(service -> FLEET.read(service.module() + "/pom.xml")
                .contains("<artifactId>spring-cloud-starter-circuitbreaker-resilience4j</artifactId>"))).as("a service with Resilience4j breakers").isTrue();
        soft.assertAll();
    }

    @Test
    void coversWhatIssue16AsksToAlertOn() {
        Set<String> queried = queried();
        assertThat(queried).as("request latency, WebSocket connections, circuit-breaker state, consumer lag")
                .contains("http_server_requests_seconds_sum", "http_server_requests_seconds_bucket", "realtime_connections",
                        "resilience4j_circuitbreaker_state", "redis_stream_group_lag");
    }

    @Test
    void theMetricNameParserFindsMetricsAndNotFunctionsOrLabels() {
        assertThat(metrics("histogram_quantile(0.99, sum by (application, le) (rate(http_server_requests_seconds_bucket{application=~\"$application\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metrics("sum(a_total) / on (pod) group_left b_seconds_count{x=\"y\"} > bool 0"))
                .containsExactlyInAnyOrder("a_total", "b_seconds_count");
    }

    private static Set<String> queried() {
        Set<String> metrics = new TreeSet<>();
        for (JsonNode panel : DASHBOARD.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                metrics.addAll(metrics(target.path("expr").asString()));
            }
        }
        return metrics;
    }

    /** The metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
    static Set<String> metrics(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> metrics = new TreeSet<>();
        Matcher identifier = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (!PROMQL_KEYWORDS.contains(name)) {
                metrics.add(name);
            }
        }
        return metrics;
    }

    /** What the fleet's Micrometer builders register, as the Prometheus registry names it. */
    private static Set<String> registeredMetrics() {
        Set<String> metrics = new TreeSet<>();
        try (Stream<Path> modules = Files.list(FLEET.root())) {
            for (Path main : modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                        Matcher builder = BUILDER.matcher(Files.readString(file));
                        while (builder.find()) {
                            String base = builder.group(2).replace('.', '_');
                            switch (builder.group(1)) {
                                case "Gauge" -> metrics.add(base);
                                case "Counter" -> metrics.add(base + "_total");
                                case "Timer", "LongTaskTimer" -> Stream.of("count", "sum", "max", "bucket").forEach(suffix -> metrics.add(base + "_seconds_" + suffix));
                                default -> Stream.of("count", "sum", "max", "bucket").forEach(suffix -> metrics.add(base + "_" + suffix));
                            }
                        }
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return metrics;
    }
}
