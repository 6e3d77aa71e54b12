package com.linkwithmentor.gateway;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;

import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** What stands behind the gateway in its tests: a real user-service process and a WebSocket echo service. */
final class Backends {

    private Backends() {
    }

    /** A running user-service process (its built jar) with its own database, on the shared test Redis. */
    record UserService(Process process, int port) {

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static UserService startUserService(String redisUrl) {
        Path jar = userServiceJar();
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("gateway_users");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString());
        builder.environment().putAll(Map.of(
                "SERVER_PORT", Integer.toString(port),
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", postgres.username(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password(),
                "LWM_REDIS_URL", redisUrl,
                "LWM_SMTP_PORT", Integer.toString(freePort())));
        builder.redirectErrorStream(true).redirectOutput(Path.of("target", "user-service-for-gateway-tests.log").toFile());
        try {
            Process process = builder.start();
            awaitReady(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new UserService(process, port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path userServiceJar() {
        Path target = Path.of("..", "user-service", "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("user-service-.*-exec\\.jar")).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("The gateway tests run the built user-service: package it first "
                        + "(./mvnw -pl user-service -am package -DskipTests), or run the whole build");
            }
            return jars.get(0).toAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void awaitReady(Process process, int port) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("user-service exited; see target/user-service-for-gateway-tests.log");
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
            try {
                Thread.sleep(250);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("user-service did not become ready in 90 s");
    }

    /** A WebSocket service that echoes every text frame, standing in for chat-service. */
    static DisposableServer startEchoWebSocket() {
        return HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.ws("/ws/chat", (in, out) -> out.sendString(
                    Flux.from(in.receive().asString()).map(text -> "echo:" + text))))
            .bindNow();
    }

    /** A port free on both TCP and UDP, for the TLS and QUIC listeners that share it. */
    static int freeTcpAndUdpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            }
            catch (IOException ex) {
                // taken on UDP; try another
            }
        }
        throw new IllegalStateException("No port free on both TCP and UDP");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
