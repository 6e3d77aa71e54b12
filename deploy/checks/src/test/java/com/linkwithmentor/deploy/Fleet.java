package com.linkwithmentor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the deployment files must agree with, read from the code itself: the fleet table
 * ({@code deploy/launcher/src/main/resources/fleet-services.conf}: name, module, port, schema,
 * socket port) and each service's {@code application.yml} (the variables it reads, the services it
 * calls). Nothing here is a second copy of a fact: a service that lands with its table row and its
 * module is checked at once, and the checks say what its compose block and manifests are missing.
 */
final class Fleet {

    static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern SERVICE_URL = Pattern.compile("LWM_SERVICE_URL_([A-Z0-9_]+)");
    private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"(LWM_[A-Z0-9_]+)\"");

    /** One row of the fleet table. {@code schema} and {@code socketPort} are absent for some services. */
    record Service(String name, String module, int port, @Nullable String schema, @Nullable Integer socketPort) {

        String artifact() {
            return Path.of(module).getFileName().toString();
        }

        /** e.g. CHAT_SERVICE, as in LWM_SERVICE_URL_CHAT_SERVICE and LWM_SERVICE_SECRET_CHAT_SERVICE. */
        String variableName() {
            return name.toUpperCase(Locale.ROOT).replace('-', '_');
        }

        /** The database role of the service: its name with underscores. */
        String role() {
            return name.replace('-', '_');
        }

        String url() {
            return "http://" + name + ":" + port;
        }

        @Nullable String socketUrl() {
            return socketPort == null ? null : "http://" + name + ":" + socketPort;
        }
    }

    private final Path root;
    private final List<Service> table;
    private final Map<String, String> applicationYaml = new LinkedHashMap<>();
    private final Map<String, Set<String>> moduleVariables = new LinkedHashMap<>();

    private Fleet(Path root) {
        this.root = root;
        this.table = readTable(root.resolve("deploy/launcher/src/main/resources/fleet-services.conf"));
    }

    /** The repository this test runs in: the nearest parent with the fleet script and the launcher. */
    static Fleet load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("fleet")) && Files.isDirectory(dir.resolve("deploy/launcher")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the LinkWithMentor repository: " + Path.of("").toAbsolutePath());
        }
        return new Fleet(dir);
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The whole table, built or planned. */
    List<Service> table() {
        return table;
    }

    /**
     * The services whose module is in this checkout (a {@code pom.xml} in its directory). A row for
     * a service still on its branch is left out until the module lands; then every check covers it.
     */
    List<Service> built() {
        return table.stream().filter(service -> Files.isRegularFile(root.resolve(service.module()).resolve("pom.xml"))).toList();
    }

    List<Service> planned() {
        return table.stream().filter(service -> !built().contains(service)).toList();
    }

    Service service(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no service " + name + " in fleet-services.conf"));
    }

    Optional<Service> find(String name) {
        return table.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /** The service's application.yml as text. */
    String applicationYaml(Service service) {
        return applicationYaml.computeIfAbsent(service.name(),
                name -> read(service.module() + "/src/main/resources/application.yml"));
    }

    JsonNode applicationTree(Service service) {
        return YAML.readTree(applicationYaml(service));
    }

    /** Every {@code ${VARIABLE}} its application.yml reads (including nested defaults). */
    Set<String> variables(Service service) {
        Set<String> variables = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(applicationYaml(service));
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    boolean reads(Service service, String variable) {
        return variables(service).contains(variable);
    }

    /**
     * The base URLs it is given for other services: {@code LWM_SERVICE_URL_<NAME>} (the HTTP port)
     * and {@code LWM_SERVICE_URL_<NAME>_WS} (the socket port), by variable, with the target service.
     */
    Map<String, Target> serviceUrls(Service service) {
        Map<String, Target> urls = new LinkedHashMap<>();
        for (String variable : variables(service)) {
            Matcher matcher = SERVICE_URL.matcher(variable);
            if (!matcher.matches()) {
                continue;
            }
            String suffix = matcher.group(1);
            boolean socket = suffix.endsWith("_WS");
            String name = (socket ? suffix.substring(0, suffix.length() - 3) : suffix).toLowerCase(Locale.ROOT).replace('_', '-');
            Service target = find(name).orElseThrow(() -> new AssertionError(service.name() + " reads " + variable
                    + ", but fleet-services.conf has no service " + name));
            urls.put(variable, new Target(target, socket));
        }
        return urls;
    }

    /** A service another one calls, on its HTTP port or its socket port. */
    record Target(Service service, boolean socket) {

        int port() {
            Integer socketPort = service.socketPort();
            if (socket && socketPort == null) {
                throw new AssertionError(service.name() + " has no socket port in fleet-services.conf");
            }
            return socket ? socketPort : service.port();
        }

        String url() {
            return "http://" + service.name() + ":" + port();
        }
    }

    /** Services it calls: the service URLs it reads, plus user-service when it checks tokens or asks for one. */
    Set<Service> callees(Service service) {
        Set<Service> callees = new LinkedHashSet<>();
        serviceUrls(service).values().forEach(target -> callees.add(target.service()));
        if (usesJwks(service) || isServiceClient(service)) {
            callees.add(service("user-service"));
        }
        callees.remove(service);
        return callees;
    }

    boolean usesDatabase(Service service) {
        return service.schema() != null;
    }

    boolean usesRedis(Service service) {
        return reads(service, "LWM_REDIS_URL");
    }

    boolean usesJwks(Service service) {
        return reads(service, "LWM_JWKS_URL");
    }

    boolean usesSmtp(Service service) {
        return reads(service, "LWM_SMTP_HOST");
    }

    /** Reads its socket server's port (the realtime module's LWM_REALTIME_PORT). */
    boolean servesSockets(Service service) {
        return service.socketPort() != null;
    }

    /** Its module depends on the storage module (a BlobStore: local disk or S3). */
    boolean usesStorage(Service service) {
        return read(service.module() + "/pom.xml").contains("<artifactId>storage</artifactId>");
    }

    /** Runs ffmpeg or tesseract (its image is built on the media base). */
    boolean usesMediaTools(Service service) {
        return reads(service, "LWM_FFMPEG") || reads(service, "LWM_TESSERACT");
    }

    /** The OAuth clients user-service knows (lwm.auth.service-clients), each holding a client secret. */
    Set<String> serviceClients() {
        Set<String> clients = new TreeSet<>();
        applicationTree(service("user-service")).path("lwm").path("auth").path("service-clients")
                .propertyNames().forEach(clients::add);
        return clients;
    }

    boolean isServiceClient(Service service) {
        return serviceClients().contains(service.name());
    }

    /** Extensions the service's migrations create (made beforehand by the superuser, in its schema). */
    Set<String> extensions(Service service) {
        Set<String> extensions = new TreeSet<>();
        Path migrations = root.resolve(service.module()).resolve("src/main/resources/db/migration");
        if (!Files.isDirectory(migrations)) {
            return extensions;
        }
        Pattern create = Pattern.compile("(?i)CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?([a-z0-9_]+)");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".sql")).toList()) {
                Matcher matcher = create.matcher(Files.readString(file));
                while (matcher.find()) {
                    extensions.add(matcher.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return extensions;
    }

    /** The services the gateway routes to (lb://name and lb:ws://name-ws route URIs). */
    Set<Service> routed() {
        Set<Service> routed = new LinkedHashSet<>();
        JsonNode routes = applicationTree(service("gateway-service")).path("spring").path("cloud").path("gateway")
                .path("server").path("webflux").path("routes");
        for (JsonNode route : routes) {
            String uri = route.path("uri").asString();
            Matcher matcher = Pattern.compile("lb:(?:ws:)?//([a-z0-9-]+?)(-ws)?$").matcher(uri);
            if (matcher.matches()) {
                routed.add(service(matcher.group(1)));
            }
        }
        return routed;
    }

    /**
     * Who calls the service: the gateway when it routes there, every service that reads its URL or
     * (for user-service) checks tokens with its keys, and the calls no URL variable names (the
     * payment sandbox posts webhooks to payment-service at the URL it is configured with).
     */
    Set<Service> callers(Service service) {
        Set<Service> callers = new LinkedHashSet<>();
        if (routed().contains(service)) {
            callers.add(service("gateway-service"));
        }
        for (Service other : table) {
            if (!other.equals(service) && Files.isRegularFile(root.resolve(other.module()).resolve("pom.xml"))
                    && callees(other).contains(service)) {
                callers.add(other);
            }
        }
        if (service.name().equals("payment-service") && find("payment-sandbox").isPresent()) {
            callers.add(service("payment-sandbox"));
        }
        return callers;
    }

    /**
     * Variables a service may be given beyond its application.yml: the ones common-lib and the
     * storage module read (found in their sources), and the JVM's own.
     */
    Set<String> sharedVariables(Service service) {
        Set<String> variables = new TreeSet<>(Set.of("JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE"));
        variables.addAll(moduleVariables("common-lib"));
        if (usesStorage(service)) {
            variables.addAll(moduleVariables("storage"));
        }
        return variables;
    }

    private Set<String> moduleVariables(String module) {
        return moduleVariables.computeIfAbsent(module, name -> {
            Set<String> variables = new TreeSet<>();
            try (Stream<Path> files = Files.walk(root.resolve(name).resolve("src/main"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    Matcher literal = VARIABLE_LITERAL.matcher(text);
                    while (literal.find()) {
                        variables.add(literal.group(1));
                    }
                    Matcher placeholder = PLACEHOLDER.matcher(text);
                    while (placeholder.find()) {
                        variables.add(placeholder.group(1));
                    }
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return variables;
        });
    }

    /** Every variable the service can be configured with. */
    Set<String> knownVariables(Service service) {
        Set<String> known = new TreeSet<>(variables(service));
        known.addAll(sharedVariables(service));
        return known;
    }

    private static List<Service> readTable(Path file) {
        List<Service> table = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String row = line.strip();
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] cells = row.split("\\s+");
                if (cells.length < 4 || cells.length > 5) {
                    throw new IllegalStateException(file + ": expected 'name module port schema [socket]', got: " + row);
                }
                Integer socket = cells.length == 5 && !cells[4].equals("-") ? Integer.valueOf(cells[4]) : null;
                table.add(new Service(cells[0], cells[1], Integer.parseInt(cells[2]), cells[3].equals("-") ? null : cells[3], socket));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return List.copyOf(table);
    }
}
