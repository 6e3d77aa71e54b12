package com.linkwithmentor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another service of the fleet, run from its built jar ({@code ../<module>/target/<module>-*-exec.jar})
 * as its own process, the way it runs in production: for tests of a service that talks to it.
 * It listens on a fixed port, so it can be stopped (an outage) and started again at the same address.
 * Its output goes to {@code target/<module>-process.log}.
 */
public final class ServiceProcess {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    /** Quick to start, for functional tests; benchmarks pass their own options. */
    private static final List<String> TEST_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xss512k");

    private final String module;

    private final Path jar;

    private final Map<String, String> environment;

    private final int port;

    private final List<String> jvmOptions;

    private Process process;

    private ServiceProcess(String module, Path jar, Map<String, String> environment, int port, List<String> jvmOptions) {
        this.module = module;
        this.jar = jar;
        this.environment = environment;
        this.port = port;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts the module on the port with the given environment (datasource, Redis, JWKS...) and
     * waits until its readiness probe answers.
     */
    public static ServiceProcess start(String module, int port, Map<String, String> environment) {
        return start(module, port, environment, TEST_JVM_OPTIONS);
    }

    /**
     * The same with the JVM options given instead of the quick-start ones (a benchmark wants the
     * optimizing compiler, a heap size, a flight recording).
     */
    public static ServiceProcess start(String module, int port, Map<String, String> environment, List<String> jvmOptions) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        env.putIfAbsent("LWM_LOG_FORMAT", "plain");
        ServiceProcess service = new ServiceProcess(module, jar(module), Map.copyOf(env), port, List.copyOf(jvmOptions));
        service.startProcess();
        return service;
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the running process (to read its CPU time, for one). */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(module + " is not running");
        }
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void stop() {
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
    public void restart() {
        stop();
        startProcess();
    }

    private void startProcess() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
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
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited while starting; see " + log());
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
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
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        stop();
        throw new IllegalStateException(module + " did not become ready in " + READY_WITHIN.toSeconds() + " s; see " + log());
    }

    private Path log() {
        return Path.of("target", module + "-process.log");
    }

    private static Path jar(String module) {
        Path target = Path.of("..", module, "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches(module + "-.*-exec\\.jar")).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("These tests run the built " + module + ": package it first (./mvnw -pl "
                        + module + " -am package -DskipTests), or run the whole build");
            }
            return jars.get(0).toAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
