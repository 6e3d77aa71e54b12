package com.linkwithmentor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the edge costs: one cheap authenticated endpoint ({@code GET /api/v1/users/me}) straight
 * to user-service and through the gateway, in the same run, with {@code wrk} (a client outside
 * any JVM, so the client is not the bottleneck) at 1, 16 and 64 connections over HTTP/1.1; then
 * HTTP/3 against HTTP/1.1 through the gateway with the same JVM client (no wrk speaks QUIC).
 * The gateway and user-service run as their own processes from their exec jars, with the
 * optimizing compiler, production logging and rate limits on (buckets too large to refuse), so
 * the gateway's CPU per request ({@code /proc/<pid>/stat}) is its own.
 *
 * <p>Run: {@code ./fleet bench gateway-service}. Knobs: {@code -Dbench.seconds=8} per run,
 * {@code -Dbench.rounds=2}, {@code -Dbench.warmup=4} runs of 8 s at 16 connections first, {@code -Dbench.concurrency=1,16,64}, {@code -Dbench.h3=false},
 * {@code -Dbench.jfr=true} records a profile of the gateway to {@code target/gateway-bench.jfr}
 * ({@code jfr print --events jdk.ExecutionSample}), {@code -Dbench.baseline=[label=]<exec jar>,...}
 * measures earlier gateway builds beside this one in the same run (before/after on equal load),
 * {@code -Dbench.h3.labels=before,gateway} limits the HTTP/3 comparison to some of them.
 */
@Tag("benchmark")
class GatewayBenchmark {

    static final String PATH = "/api/v1/users/me";

    static final int SECONDS = Integer.getInteger("bench.seconds", 8);

    static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

    static final int WARMUP_RUNS = Integer.getInteger("bench.warmup", 4);

    static final List<Integer> CONCURRENCY = Arrays.stream(System.getProperty("bench.concurrency", "1,16,64").split(","))
        .map(String::trim).map(Integer::valueOf).toList();

    static final List<String> SERVER_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC");

    static final String REDIS = TestServers.redis().url();

    static final ServiceProcess userService = Backends.startUserService(REDIS, SERVER_JVM);

    /** The gateway built from this tree. */
    static final Edge gateway = Edge.start("gateway", null);

    /**
     * {@code -Dbench.baseline=[label=]<exec jar>,...}: earlier builds measured in the same run, for
     * before/after figures under equal load.
     */
    static final List<Edge> baselines = Arrays.stream(System.getProperty("bench.baseline", "").split(","))
        .map(String::trim)
        .filter(entry -> !entry.isEmpty())
        .map(entry -> entry.contains("=")
                ? Edge.start(entry.substring(0, entry.indexOf('=')), Path.of(entry.substring(entry.indexOf('=') + 1)))
                : Edge.start("before", Path.of(entry)))
        .toList();

    /** A gateway process under test: its own JVM, so its CPU time is its own. */
    record Edge(String label, int port, int tlsPort, long pid, Runnable stop) {

        /** Started on ports free a moment ago; on a busy machine one may be taken meanwhile, so try again. */
        static Edge start(String label, @Nullable Path jar) {
            for (int attempt = 1;; attempt++) {
                try {
                    return startOnce(label, jar);
                }
                catch (RuntimeException | AssertionError ex) {
                    if (attempt == 3) {
                        throw ex;
                    }
                }
            }
        }

        private static Edge startOnce(String label, @Nullable Path jar) {
            int port = Backends.freePort();
            int tlsPort = Backends.freeTcpAndUdpPort();
            List<String> jvm = new ArrayList<>(SERVER_JVM);
            if (jar == null && Boolean.getBoolean("bench.jfr")) {
                jvm.add("-XX:+FlightRecorder");
                jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                        + Path.of("target", "gateway-bench.jfr").toAbsolutePath());
            }
            String userServiceUrl = "http://127.0.0.1:" + userService.port();
            String settings = """
                    {"lwm": {"gateway": {"rate-limits": {"buckets": {"user": {"capacity": 100000000, "per-second": 1000000},
                      "anonymous": {"capacity": 100000000, "per-second": 1000000},
                      "strict": {"capacity": 100000000, "per-second": 1000000}}}}}}
                    """;
            Map<String, String> environment = Map.of(
                    "LWM_SERVICE_URL_USER_SERVICE", userServiceUrl,
                    "LWM_JWKS_URL", userServiceUrl + "/api/v1/auth/jwks",
                    "LWM_REDIS_URL", REDIS,
                    "LWM_GATEWAY_TLS_PORT", Integer.toString(tlsPort),
                    "LWM_GATEWAY_DEV_CERT_DIR", Path.of("target", "test-certs").toAbsolutePath().toString(),
                    "LWM_LOG_FORMAT", "ecs",
                    "SPRING_APPLICATION_JSON", settings);
            if (jar == null) {
                ServiceProcess process = ServiceProcess.start("gateway-service", port, environment, jvm);
                return new Edge(label, port, tlsPort, process.pid(), process::stop);
            }
            return startJar(label, jar, port, tlsPort, environment, jvm);
        }

        private static Edge startJar(String label, Path jar, int port, int tlsPort, Map<String, String> environment,
                List<String> jvm) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "gateway-" + label + "-process.log").toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            try {
                Process process = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    assertThat(process.isAlive()).as(label + " gateway exited; see its log in target/").isTrue();
                    return http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
                return new Edge(label, port, tlsPort, process.pid(), () -> {
                    process.destroy();
                    try {
                        process.waitFor(20, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port + PATH;
        }
    }

    @AfterAll
    static void stop() {
        gateway.stop().run();
        baselines.forEach(edge -> edge.stop().run());
        userService.stop();
    }

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void directVersusGatewayOverHttp1AndHttp3() {
        List<Edge> edges = new ArrayList<>(baselines);
        edges.add(gateway);
        String token = signIn(new Clients(gateway.port(), gateway.tlsPort()));
        Path script = wrkScript(token);
        String direct = "http://127.0.0.1:" + userService.port() + PATH;

        // Everything JIT-compiled before anything counts: on a slow two-core machine two such runs
        // left 8 % of the gateway's samples interpreted in the first measured round (JFR), so four.
        for (int i = 0; i < WARMUP_RUNS; i++) {
            run(List.of("wrk", "-t2", "-c16", "-d8s", "-s", script.toString(), direct), 40);
            edges.forEach(edge -> run(List.of("wrk", "-t2", "-c16", "-d8s", "-s", script.toString(), edge.url()), 40));
        }

        List<String> table = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int connections : CONCURRENCY) {
                String load = loadAverage();
                Run directRun = wrk(script, direct, connections, SECONDS, gateway);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "BENCH round %d c%-3d direct %,7.0f req/s p50 %6.3f p99 %7.3f ms (user-service CPU %.3f ms/req)",
                        round, connections, directRun.perSecond(), directRun.p50(), directRun.p99(),
                        directRun.userServiceCpuPerRequest()));
                for (Edge edge : edges) {
                    Run run = wrk(script, edge.url(), connections, SECONDS, edge);
                    line.append(String.format(Locale.ROOT,
                            " | %s %,7.0f req/s p50 %6.3f p99 %7.3f ms, x%.2f of direct, p50 +%.3f ms, gateway CPU %.3f ms/req%s",
                            edge.label(), run.okPerSecond(), run.p50(), run.p99(), run.okPerSecond() / directRun.perSecond(),
                            run.p50() - directRun.p50(), run.gatewayCpuPerRequest(),
                            run.failed() > 0 ? String.format(Locale.ROOT, " (%,d of %,d answers not 200 or timed out)", run.failed(), run.requests()) : ""));
                }
                table.add(line.append(" | load ").append(load).toString());
                System.out.println(table.getLast());
            }
        }

        boolean http3 = Boolean.parseBoolean(System.getProperty("bench.h3", "true"));
        String h3Labels = System.getProperty("bench.h3.labels", "");
        List<Edge> h3Edges = edges.stream()
            .filter(edge -> h3Labels.isBlank() || Arrays.asList(h3Labels.split(",")).contains(edge.label()))
            .toList();
        for (Edge edge : http3 ? h3Edges : List.<Edge>of()) {
            Clients clients = new Clients(edge.port(), edge.tlsPort());
            jvmClient(clients.http1(), token, 16, 5, edge);
            jvmClient(clients.http3(), token, 16, 5, edge);
        }
        for (int round = 1; round <= (http3 ? ROUNDS : 0); round++) {
            for (int inFlight : List.of(1, 16)) {
                for (Edge edge : h3Edges) {
                    String load = loadAverage();
                    Clients clients = new Clients(edge.port(), edge.tlsPort());
                    Run h1 = jvmClient(clients.http1(), token, inFlight, SECONDS, edge);
                    Run h3 = jvmClient(clients.http3(), token, inFlight, SECONDS, edge);
                    table.add(String.format(Locale.ROOT,
                            "BENCH round %d JVM client, %2d in flight, %s: h1 %,7.0f req/s p50 %6.3f p99 %7.3f ms | h3 %,7.0f req/s"
                                    + " p50 %6.3f p99 %7.3f ms | h3/h1 throughput x%.2f, p50 x%.2f | gateway CPU h1 %.3f h3 %.3f ms/req | load %s",
                            round, inFlight, edge.label(), h1.perSecond(), h1.p50(), h1.p99(), h3.perSecond(), h3.p50(), h3.p99(),
                            h3.perSecond() / h1.perSecond(), h3.p50() / h1.p50(), h1.gatewayCpuPerRequest(),
                            h3.gatewayCpuPerRequest(), load));
                    System.out.println(table.getLast());
                }
            }
        }
        System.out.println("BENCH summary (" + Runtime.getRuntime().availableProcessors() + " cores)");
        table.forEach(System.out::println);
        assertThat(table).isNotEmpty();
    }

    /** One measured run: throughput, latency percentiles and CPU spent per request by each process. */
    record Run(long requests, double perSecond, double p50, double p99, double gatewayCpuPerRequest,
            double userServiceCpuPerRequest, long failed) {

        /** Throughput of 200s only: an earlier build may answer some requests with errors. */
        double okPerSecond() {
            return perSecond * (requests - failed) / Math.max(1, requests);
        }
    }

    private static final Pattern WRK_RESULT = Pattern.compile(
            "WRK requests=(\\d+) errors=(\\d+) non2xx=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+)");

    private Run wrk(Path script, String url, int connections, int seconds, Edge gateway) {
        int threads = Math.min(connections, 2);
        long gatewayBefore = cpuMillis(gateway.pid());
        long userBefore = cpuMillis(userService.pid());
        String output = run(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "-s",
                script.toString(), url), seconds + 30);
        long gatewayCpu = cpuMillis(gateway.pid()) - gatewayBefore;
        long userCpu = cpuMillis(userService.pid()) - userBefore;
        Matcher m = WRK_RESULT.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long requests = Long.parseLong(m.group(1));
        long failed = Long.parseLong(m.group(3));
        if (!baselines.contains(gateway)) {
            assertThat(failed).as("non-2xx answers: " + output).isZero();
        }
        // Socket timeouts (2 s) on a machine shared with other builds are load, not failures: counted, reported.
        failed += Long.parseLong(m.group(2));
        double perSecond = requests / (Long.parseLong(m.group(4)) / 1e6);
        return new Run(requests, perSecond, Long.parseLong(m.group(5)) / 1e3, Long.parseLong(m.group(6)) / 1e3,
                (double) gatewayCpu / requests, (double) userCpu / requests, failed);
    }

    /** The JVM client (Reactor Netty, as in the functional tests) with this many requests in flight for a while. */
    private Run jvmClient(HttpClient client, String token, int inFlight, int seconds, Edge gateway) {
        HttpClient authed = client.headers(h -> h.set("Authorization", "Bearer " + token));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong failures = new AtomicLong();
        long gatewayBefore = cpuMillis(gateway.pid());
        long started = System.nanoTime();
        List<Long> latencies = Flux.range(0, inFlight)
            .flatMap(lane -> Flux.<Long>generate(sink -> {
                if (System.nanoTime() > deadline) {
                    sink.complete();
                }
                else {
                    sink.next(0L);
                }
            }).concatMap(ignored -> {
                long sent = System.nanoTime();
                return authed.get().uri(PATH)
                    .responseSingle((response, body) -> body.then().thenReturn(response.status().code()))
                    .map(status -> {
                        if (status != 200) {
                            assertThat(baselines).as("an answer of " + status + " from " + gateway.label()).contains(gateway);
                            failures.incrementAndGet();
                        }
                        return System.nanoTime() - sent;
                    });
            }, 0), inFlight)
            .collectList()
            .block(Duration.ofSeconds(seconds + 60L));
        double elapsed = (System.nanoTime() - started) / 1e9;
        long gatewayCpu = cpuMillis(gateway.pid()) - gatewayBefore;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Run(sorted.length, sorted.length / elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99),
                (double) gatewayCpu / sorted.length, 0, failures.get());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    /**
     * User plus system CPU time of a process so far, from {@code /proc/<pid>/task/<tid>/stat}
     * (clock ticks of 10 ms), leaving out the JIT compiler's threads: the cost of serving, not of
     * warming up. GC and every other thread count.
     */
    static long cpuMillis(long pid) {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                }
                catch (IOException ex) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.contains("CompilerThre")) {
                    continue;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // After "tid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12.
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return ticks * 10;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException ex) {
            return "?";
        }
    }

    /** A wrk script that sends the token and reports the figures in one parsable line (latencies in µs). */
    private static Path wrkScript(String token) {
        String lua = """
                wrk.method = "GET"
                wrk.headers["Authorization"] = "Bearer %s"
                local threads = {}
                setup = function(thread) table.insert(threads, thread) end
                %s
                done = function(summary, latency, requests)
                  for _, t in ipairs(threads) do
                    local failure = t:get("failure")
                    if failure then io.write("WRK first failure: " .. failure .. "\\n") end
                  end
                  local e = summary.errors
                  io.write(string.format("WRK requests=%%d errors=%%d non2xx=%%d duration_us=%%d p50_us=%%d p99_us=%%d\\n",
                    summary.requests, e.connect + e.read + e.write + e.timeout, e.status, summary.duration,
                    latency:percentile(50), latency:percentile(99)))
                end
                """.formatted(token, Boolean.getBoolean("bench.failures") ? """
                        response = function(status, headers, body)
                          if status ~= 200 and not failure then failure = status .. " " .. string.sub(body, 1, 300) end
                        end""" : "");
        try {
            Path script = Path.of("target", "gateway-bench.lua").toAbsolutePath();
            Files.writeString(script, lua, StandardCharsets.UTF_8);
            return script;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String run(List<String> command, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return output;
        }
        catch (IOException ex) {
            if (command.get(0).equals("wrk")) {
                throw new IllegalStateException("wrk is not installed; the benchmark drives HTTP/1.1 with it: apt-get install wrk", ex);
            }
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private String signIn(Clients clients) {
        String name = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Clients.Reply registered = Clients.send(clients.http1(), "POST", "/api/v1/auth/register", null,
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"bench-pass-42\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Clients.Reply login = Clients.send(clients.http1(), "POST", "/api/v1/auth/login", null,
                "{\"login\":\"" + name + "\",\"password\":\"bench-pass-42\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return json.readTree(login.body()).path("access_token").asString();
    }
}
