package com.linkwithmentor.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real moderation-service, run from its built jar as its own process (as in production), on a
 * fixed port so it can be stopped and started again at the same address.
 */
final class ModerationServiceProcess {

    private final Path jar;

    private final Map<String, String> environment;

    private final int port;

    private Process process;

    private ModerationServiceProcess(Path jar, Map<String, String> environment, int port) {
        this.jar = jar;
        this.environment = environment;
        this.port = port;
    }

    static ModerationServiceProcess start(int port, String jdbcUrl, String username, String password, String redisUrl,
            String jwksUrl) {
        ModerationServiceProcess service = new ModerationServiceProcess(jar(), Map.of(
                "SERVER_PORT", Integer.toString(port),
                "SPRING_DATASOURCE_URL", jdbcUrl,
                "SPRING_DATASOURCE_USERNAME", username,
                "SPRING_DATASOURCE_PASSWORD", password,
                "LWM_REDIS_URL", redisUrl,
                "LWM_JWKS_URL", jwksUrl,
                "LWM_LOG_FORMAT", "plain"), port);
        service.startProcess();
        return service;
    }

    int port() {
        return port;
    }

    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts it again on the same port and database, as after an outage. */
    void restart() {
        stop();
        startProcess();
    }

    private void startProcess() {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar.toString());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "moderation-service-for-chat-tests.log").toFile()));
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        awaitReady();
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moderation-service exited; see target/moderation-service-for-chat-tests.log");
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("moderation-service did not become ready in 120 s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path jar() {
        Path target = Path.of("..", "moderation-service", "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("moderation-service-.*-exec\\.jar"))
                .toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("chat-service's moderation tests run the built moderation-service: "
                        + "package it first (./mvnw -pl moderation-service -am package -DskipTests), or run the whole build");
            }
            return jars.get(0).toAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
