package com.linkwithmentor.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.realtime.baseline.TomcatSocketApplication;
import com.linkwithmentor.realtime.sample.SampleSocketApplication;
import com.linkwithmentor.testsupport.JvmProcess;
import com.linkwithmentor.testsupport.SocketHolder;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Not in the default run (tag {@code benchmark}; {@code ./fleet bench realtime}). The same N idle,
 * authenticated WebSocket clients held first by Tomcat's WebSocket (the way chat served them
 * before) and then by this layer, each server its own JVM with the same options, measured from
 * outside after a full GC: heap and RSS per connection, threads, and the top of each class
 * histogram (where the memory goes). Tune with {@code -Dbench.connections=10000
 * -Dbench.heap=1g}.
 */
@Tag("benchmark")
class SocketMemoryBenchmark {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 10_000);

    private static final String HEAP = System.getProperty("bench.heap", "1g");

    @Test
    void tomcatAndTheSocketLayerHoldingTheSameIdleConnections() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append(String.format("%d idle authenticated connections per server, -Xmx%s, load: %s%n", CONNECTIONS,
                HEAP, loadAverage()));
        try (TestTokenIssuer issuer = TestTokenIssuer.start()) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                tokens.add(issuer.token(UUID.randomUUID(), "mentee").lifetime(Duration.ofHours(2)).sign());
            }
            Path tokenFile = Files.createTempFile("socket-bench-tokens", ".txt");
            Files.write(tokenFile, tokens);
            String redis = TestServers.redis().url();

            int tomcatPort = freePort();
            report.append(measure("Tomcat WebSocket (servlet container)", TomcatSocketApplication.class.getName(),
                    List.of("--server.port=" + tomcatPort, "--lwm.security.jwks-url=" + issuer.jwksUrl(),
                            "--lwm.security.websocket-paths=GET /ws/echo", "--lwm.redis.url=" + redis,
                            "--logging.level.root=WARN"),
                    tomcatPort, "http://127.0.0.1:" + tomcatPort + "/actuator/health", tokenFile));

            int nettyPort = freePort();
            report.append(measure("realtime layer (Reactor Netty)", SampleSocketApplication.class.getName(),
                    List.of("--spring.main.web-application-type=none", "--lwm.realtime.port=" + nettyPort,
                            "--lwm.security.jwks-url=" + issuer.jwksUrl(), "--lwm.redis.url=" + redis,
                            "--logging.level.root=WARN"),
                    nettyPort, null, tokenFile));
            Files.deleteIfExists(tokenFile);
        }
        System.out.println("=== socket memory benchmark ===\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "socket-memory-benchmark.txt"), report.toString());
    }

    private String measure(String label, String mainClass, List<String> args, int port, String health, Path tokens)
            throws Exception {
        StringBuilder out = new StringBuilder("\n--- " + label + " ---\n");
        try (JvmProcess server = JvmProcess.startLogging("server", List.of("-Xmx" + HEAP, "-XX:+UseG1GC"), mainClass, args,
                Map.of("LWM_LOG_FORMAT", "plain"), Path.of("target", "bench-" + port + ".log"))) {
            awaitListening(port, health);
            long heapBefore = server.heapAfterGc();
            long rssBefore = server.rssBytes();
            long threadsBefore = server.threads();
            try (JvmProcess holder = JvmProcess.start("holder", List.of("-Xmx2g"), SocketHolder.class.getName(),
                    List.of("--port", Integer.toString(port), "--path", "/ws/echo", "--tokens", tokens.toString(),
                            "--source", "127.0.0.2"),
                    Map.of(), Path.of("target", "bench-holder-" + port + ".log"))) {
                String opened = holder.awaitLine("OPEN", Duration.ofMinutes(10));
                long heapAfter = server.heapAfterGc();
                long rssAfter = server.rssBytes();
                out.append(String.format("clients: %s; server open files %d (limit %s)%n", opened, server.openFiles(),
                        server.openFileLimit().map(String::valueOf).orElse("?")));
                int held = Integer.parseInt(opened.split(" ")[1]);
                out.append(String.format("heap after GC: %.1f MB idle, %.1f MB holding them: %.1f KB per connection%n",
                        heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1024.0 / held));
                out.append(String.format("RSS: %.1f MB idle, %.1f MB holding them: %.1f KB per connection%n",
                        rssBefore / 1e6, rssAfter / 1e6, (rssAfter - rssBefore) / 1024.0 / held));
                out.append(String.format("threads: %d idle, %d holding them%n", threadsBefore, server.threads()));
                out.append("top of the class histogram, holding them:\n").append(server.histogram(18)).append('\n');
                holder.send("EXIT");
                assertThat(held).as(opened).isGreaterThanOrEqualTo(CONNECTIONS * 95 / 100);
            }
        }
        System.out.print(out);
        return out.toString();
    }

    private static void awaitListening(int port, String health) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("server on " + port).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
            .ignoreExceptions().until(() -> {
                if (health == null) {
                    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                        return true;
                    }
                }
                return http.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
            });
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (IOException ex) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
