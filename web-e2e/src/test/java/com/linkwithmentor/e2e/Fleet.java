package com.linkwithmentor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole fleet, as {@code ./fleet up} runs it: the launcher jar started as a process from the
 * repository root, with its data, logs and secrets in {@code target/fleet} (not the developer's
 * {@code .fleet}), PostgreSQL, Redis, coturn and the mail server on free ports, and every service on
 * its own port of {@code fleet-services.conf} (the gateway on 8080). One fleet for the whole test
 * run: started at the first journey, stopped when the JVM exits.
 */
final class Fleet {

    static final String GATEWAY = "http://localhost:8080";

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Path LAUNCHER = ROOT.resolve("deploy/launcher/target/fleet-launcher.jar");

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Fleet running;

    private final Process launcher;

    private final Path dir;

    private final int inboxPort;

    private final int sandboxPort = 8095;

    private Fleet(Process launcher, Path dir, int inboxPort) {
        this.launcher = launcher;
        this.dir = dir;
        this.inboxPort = inboxPort;
    }

    static synchronized Fleet get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "e2e-fleet-stop"));
        }
        return running;
    }

    private static Fleet start() {
        if (!Files.isRegularFile(LAUNCHER)) {
            throw new IllegalStateException(LAUNCHER + " is not built: run ./fleet test (or ./mvnw package) first");
        }
        try {
            Path dir = Path.of("target", "fleet").toAbsolutePath();
            deleteTree(dir);
            Files.createDirectories(dir);
            int inbox = freePort();
            int turn = freeUdpPort();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.keySet().removeIf(name -> name.startsWith("LWM_"));
            env.put("LWM_FLEET_DIR", dir.toString());
            env.put("LWM_PG_PORT", Integer.toString(freePort()));
            env.put("LWM_REDIS_PORT", Integer.toString(freePort()));
            env.put("LWM_SMTP_PORT", Integer.toString(freePort()));
            env.put("LWM_MAIL_INBOX_PORT", Integer.toString(inbox));
            env.put("LWM_TURN_PORT", Integer.toString(turn));
            env.put("LWM_TURN_MIN_PORT", "51000");
            env.put("LWM_TURN_MAX_PORT", "51200");
            env.put("LWM_START_TIMEOUT", "240");
            // A quick start over peak speed, as every test-started service (test-support's ServiceProcess):
            // on two cores the fleet is up in about 166 s instead of 240 s.
            env.put("LWM_START_PARALLEL", "2");
            env.put("LWM_SERVICE_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -Xss512k");
            env.putAll(Journeys.FLEET_SETTINGS);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Dlwm.root=" + ROOT, "-jar", LAUNCHER.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            Fleet fleet = new Fleet(process, dir, inbox);
            fleet.awaitUp(Duration.ofMinutes(12));
            return fleet;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Until the launcher prints its summary (every service ready, the gateway last). */
    private void awaitUp(Duration within) throws IOException {
        Instant deadline = Instant.now().plus(within);
        Path log = dir.resolve("launcher.log");
        while (Instant.now().isBefore(deadline)) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("LinkWithMentor fleet is up")) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the fleet did not start (exit " + launcher.exitValue() + "):\n" + tail(text));
            }
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        throw new IllegalStateException("the fleet was not up within " + within + ":\n" + tail(Files.readString(log)));
    }

    private void stop() {
        launcher.destroy(); // SIGTERM: the launcher stops every service, then Redis and PostgreSQL
        try {
            if (!launcher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The newest email sent to the address (the development inbox lists newest first), or null. */
    JsonNode lastMailTo(String address) {
        for (JsonNode message : json.readTree(get("http://127.0.0.1:" + inboxPort + "/api/messages"))) {
            if (message.path("to").asString().contains(address)) {
                return message;
            }
        }
        return null;
    }

    /** Runs SQL on the fleet's database as an operator would with psql (the admin role has no endpoint). */
    void sql(String statement, Object... parameters) {
        try {
            String log = Files.readString(dir.resolve("launcher.log"));
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("jdbc:postgresql://\\S+").matcher(log);
            if (!url.find()) {
                throw new IllegalStateException("no JDBC URL in the launcher's summary");
            }
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url.group(), "postgres", "postgres");
                    java.sql.PreparedStatement prepared = connection.prepareStatement(statement)) {
                for (int i = 0; i < parameters.length; i++) {
                    prepared.setObject(i + 1, parameters[i]);
                }
                prepared.executeUpdate();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String sandboxUrl() {
        return "http://localhost:" + sandboxPort;
    }

    Path logs() {
        return dir.resolve("logs");
    }

    static String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
