package com.linkwithmentor.launcher;

import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Brings up the local fleet: PostgreSQL, Redis, then every service module that has been built, a few
 * side by side (LWM_START_PARALLEL), each start waiting for a ready probe; prints where everything runs and waits.
 * A shutdown hook (SIGTERM from ./fleet down, SIGINT from Ctrl-C) stops it all in reverse order.
 */
public final class FleetLauncher {

  private static final String JWKS_PATH = "/api/v1/auth/jwks";
  private static final String READINESS_PATH = "/actuator/health/readiness";
  private static final String TOKEN_PATH = "/api/v1/auth/token";

  private final FleetSettings settings;
  private final List<ServiceSpec> table;
  private final Output out;
  private final Fleet fleet;
  private final Path pidFile;

  FleetLauncher(FleetSettings settings, List<ServiceSpec> table, Output out, Fleet fleet) {
    this.settings = settings;
    this.table = table;
    this.out = out;
    this.fleet = fleet;
    this.pidFile = settings.fleetDir().resolve("launcher.pid");
  }

  public static void main(String[] args) {
    List<ServiceSpec> table = ServiceSpec.loadTable();
    int width = Stream.concat(table.stream().map(ServiceSpec::name), Stream.of("postgres", "redis", "fleet"))
        .mapToInt(String::length).max().orElse(10);
    Output out = new Output(Output.stdoutIsTerminal(), width);
    Fleet fleet = new Fleet(out);
    try {
      FleetSettings settings = FleetSettings.from(System.getenv(), System.getProperty("lwm.root"));
      if (args.length > 0 && args[0].equals("status")) {
        System.exit(FleetStatus.print(settings, table) == 0 ? 0 : 3);
      }
      new FleetLauncher(settings, table, out, fleet).run();
    } catch (FleetException e) {
      if (fleet.isStopping()) {
        return; // Ctrl-C during start-up: the shutdown hook is already stopping everything
      }
      out.say("ERROR: " + e.getMessage());
      System.exit(1); // the shutdown hook, if registered, stops whatever had started
    } catch (Exception e) {
      out.say("ERROR: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  void run() throws Exception {
    claimPidFile();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "fleet-stop"));

    // External servers are only checked, and not ours to stop, so the fleet does not track them.
    Postgres postgres;
    if (settings.postgresUrl() == null) {
      out.say("starting PostgreSQL (embedded)");
      postgres = fleet.start("PostgreSQL", () -> Postgres.start(settings));
    } else {
      out.say("checking the external PostgreSQL");
      postgres = Postgres.start(settings);
    }
    Redis redis;
    if (settings.redisUrl() == null) {
      out.say("starting Redis (embedded)");
      redis = fleet.start("Redis", () -> Redis.start(settings, out));
    } else {
      out.say("checking the external Redis");
      redis = Redis.start(settings, out);
    }

    MailServer mail = null;
    if (settings.smtpHost() == null) {
      out.say("starting the development mail server (SMTP " + settings.smtpPort() + ")");
      mail = fleet.start("mail", () -> MailServer.start(settings.smtpPort(), settings.mailInboxPort()));
    }

    Coturn turn = null;
    if (settings.turnUrls() == null) {
      Optional<Path> turnserver = Coturn.binary(settings);
      if (turnserver.isEmpty()) {
        out.say("coturn is not installed, so calls run without TURN: STUN-less and relay-less, answered "
            + "degraded (audio only); " + Coturn.INSTALL_HINT);
      } else {
        out.say("starting coturn (TURN/STUN on udp " + settings.turnPort() + ")");
        Path binary = turnserver.get();
        turn = fleet.start("coturn", () -> Coturn.start(binary, settings, redis.url(), out));
      }
    }

    Map<String, String> secrets = ServiceSecrets.load(settings.fleetDir().resolve("secrets").resolve("service-clients.properties"),
        table);
    Map<String, String> environment = serviceEnvironment(postgres.database(), redis.url(), turn);
    Map<ServiceSpec, Path> built = new LinkedHashMap<>();
    List<String> notBuilt = new ArrayList<>();
    for (ServiceSpec spec : table) {
      spec.builtJar(settings.root()).ifPresentOrElse(jar -> built.put(spec, jar), () -> notBuilt.add(spec.name()));
    }
    List<ChildProcess> services = startServices(built, environment, secrets);

    printSummary(postgres, redis, mail, turn, services, notBuilt);
    new CountDownLatch(1).await(); // until a signal runs the shutdown hook
  }

  /**
   * In table order, each once the one before is ready; with LWM_START_PARALLEL above 1 the ones
   * between the first (user-service, whose keys and tokens the others fetch) and the last (the
   * gateway, which routes to them all) start that many at a time. Measured on two cores, all nine
   * services: one at a time 240 s, two at a time 256 s (the JIT compilers of two JVMs fight for the
   * cores); with -XX:TieredStopAtLevel=1 (LWM_SERVICE_JAVA_OPTIONS) 222 s and 166 s. So one at a
   * time by default, and a test fleet, which wants a quick start more than peak speed, asks for both.
   */
  private List<ChildProcess> startServices(Map<ServiceSpec, Path> built, Map<String, String> environment,
      Map<String, String> secrets) throws Exception {
    List<ServiceSpec> order = List.copyOf(built.keySet());
    List<ChildProcess> services = new ArrayList<>();
    if (settings.startParallel() == 1 || order.size() < 3) {
      for (ServiceSpec spec : order) {
        services.add(startService(spec, built.get(spec), environment, secrets));
      }
      return services;
    }
    ServiceSpec first = order.getFirst();
    ServiceSpec last = order.getLast();
    services.add(startService(first, built.get(first), environment, secrets));
    services.addAll(startSideBySide(order.subList(1, order.size() - 1), built, environment, secrets));
    services.add(startService(last, built.get(last), environment, secrets));
    return services;
  }

  private List<ChildProcess> startSideBySide(List<ServiceSpec> specs, Map<ServiceSpec, Path> built,
      Map<String, String> environment, Map<String, String> secrets) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(settings.startParallel());
    try {
      List<Future<ChildProcess>> starting = new ArrayList<>();
      for (ServiceSpec spec : specs) {
        starting.add(starters.submit(() -> startService(spec, built.get(spec), environment, secrets)));
      }
      List<ChildProcess> started = new ArrayList<>();
      for (Future<ChildProcess> future : starting) {
        try {
          started.add(future.get());
        } catch (ExecutionException e) {
          starters.shutdownNow();
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      return started;
    } finally {
      starters.shutdown();
    }
  }

  private ChildProcess startService(ServiceSpec spec, Path jar, Map<String, String> common, Map<String, String> secrets)
      throws Exception {
    if (Net.answers("localhost", spec.port())) {
      // Otherwise another process's health endpoint could pass for this service's.
      throw new FleetException("port " + spec.port() + " for " + spec.name()
          + " is already taken (is it running on its own?)");
    }
    if (spec.socketPort() != null && Net.answers("localhost", spec.socketPort())) {
      throw new FleetException("socket port " + spec.socketPort() + " for " + spec.name() + " is already taken");
    }
    Map<String, String> environment = new HashMap<>(common);
    environment.put("SERVER_PORT", Integer.toString(spec.port()));
    if (spec.socketPort() != null) {
      environment.put("LWM_REALTIME_PORT", Integer.toString(spec.socketPort()));
    }
    if (spec.schema() != null) {
      environment.put("LWM_DB_SCHEMA", spec.schema());
    } else {
      environment.remove("LWM_DB_SCHEMA");
    }
    // Its own credential for service-to-service calls; user-service knows every one of them.
    environment.put("LWM_SERVICE_CLIENT_SECRET", secrets.get(spec.name()));
    if (spec.name().equals("user-service")) {
      secrets.forEach((service, secret) -> environment.putIfAbsent(ServiceSecrets.variable(service), secret));
    }
    List<String> command = new ArrayList<>();
    if (spec.socketPort() != null) {
      command.addAll(OpenFiles.raisingCommand());
    }
    command.add(javaCommand());
    command.addAll(settings.serviceJavaOptions());
    command.addAll(List.of("-jar", jar.toString()));
    out.say("starting " + spec.name() + " on port " + spec.port()
        + (spec.socketPort() != null ? " (sockets on " + spec.socketPort() + ")" : "") + " from " + settings.show(jar));
    ChildProcess service = fleet.start(spec.name(), () -> ChildProcess.start(spec.name(), command, environment,
        settings.root().resolve(spec.module()), settings.logFile(spec.name()), out));
    awaitReady(spec, service);
    if (spec.socketPort() != null) {
      out.say(OpenFiles.describe(spec.name(), service.pid()));
    }
    service.reportUnexpectedExit();
    return service;
  }

  /** Until the service's readiness probe answers 200 (or it exits, or the start timeout passes). */
  private void awaitReady(ServiceSpec spec, ChildProcess service) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest readiness = HttpRequest.newBuilder(URI.create(spec.url() + READINESS_PATH))
        .timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(settings.startTimeout());
    while (!fleet.isStopping()) {
      if (!service.isAlive()) {
        fail(service, spec.name() + " exited with code " + service.exitValue() + " while starting");
      }
      try {
        if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          out.say(spec.name() + " is ready");
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        fail(service, spec.name() + " was not ready within " + settings.startTimeout().toSeconds()
            + " s (GET " + readiness.uri() + "); set LWM_START_TIMEOUT to wait longer");
      }
      Thread.sleep(500);
    }
    throw new FleetException("stopped while " + spec.name() + " was starting");
  }

  private void fail(ChildProcess service, String reason) {
    out.say("---- last lines of " + settings.show(service.logFile()) + " ----");
    service.tail().forEach(line -> out.line(service.name(), line));
    throw new FleetException(reason);
  }

  /**
   * What every service is told: where the shared servers are, and where the other services are.
   * The user's own environment comes first, so they can point a service elsewhere for a session.
   */
  private Map<String, String> serviceEnvironment(Postgres.Database database, String redisUrl,
      @org.jspecify.annotations.Nullable Coturn turn) {
    Map<String, String> environment = new HashMap<>(settings.environment());
    environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
    environment.put("SPRING_DATASOURCE_USERNAME", database.user());
    environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
    environment.put("LWM_REDIS_URL", redisUrl);
    table.stream().filter(spec -> spec.name().equals("user-service")).findFirst()
        .ifPresent(users -> environment.putIfAbsent("LWM_JWKS_URL", users.url() + JWKS_PATH));
    table.forEach(spec -> environment.putIfAbsent(spec.urlVariable(), spec.url()));
    table.stream().filter(spec -> spec.socketUrl() != null)
        .forEach(spec -> environment.putIfAbsent(spec.socketUrlVariable(), spec.socketUrl()));
    // The payment sandbox is a stand-in for a third party, so payment-service names it as a provider.
    table.stream().filter(spec -> spec.name().equals("payment-sandbox")).findFirst()
        .ifPresent(sandbox -> environment.putIfAbsent("LWM_PAYMENT_SANDBOX_URL", sandbox.url()));
    table.stream().filter(spec -> spec.name().equals("user-service")).findFirst()
        .ifPresent(users -> environment.putIfAbsent("LWM_SERVICE_TOKEN_URL", users.url() + TOKEN_PATH));
    if (settings.smtpHost() == null) {
      environment.put("LWM_SMTP_HOST", "localhost");
      environment.put("LWM_SMTP_PORT", Integer.toString(settings.smtpPort()));
    }
    // One place for what the fleet keeps on disk, whichever module folder a service runs from.
    environment.putIfAbsent("LWM_GATEWAY_DEV_CERT_DIR", certificateDir().toString());
    environment.putIfAbsent("LWM_STORAGE_DIR", settings.fleetDir().resolve("storage").toString());
    // signaling-service hands out TURN credentials by writing them where coturn reads its users.
    if (turn != null) {
      environment.putIfAbsent("LWM_TURN_URLS", turn.url());
      environment.putIfAbsent("LWM_TURN_REALM", turn.realm());
      environment.putIfAbsent("LWM_TURN_USERDB_URL", turn.userDbUrl());
    }
    // Readable lines on a developer's console; deployments keep the JSON default.
    environment.putIfAbsent("LWM_LOG_FORMAT", "plain");
    return environment;
  }

  /** The same java that runs the launcher, so ./fleet's JDK choice holds for the whole fleet. */
  private static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private Path certificateDir() {
    String configured = settings.environment().get("LWM_GATEWAY_DEV_CERT_DIR");
    return configured != null && !configured.isBlank() ? Path.of(configured).toAbsolutePath()
        : settings.fleetDir().resolve("certs");
  }

  private void printSummary(Postgres postgres, Redis redis, @org.jspecify.annotations.Nullable MailServer mail,
      @org.jspecify.annotations.Nullable Coturn turn, List<ChildProcess> services, List<String> notBuilt) {
    String row = "  %-18s %-48s %s";
    out.plain("");
    out.plain("LinkWithMentor fleet is up (launcher pid " + ProcessHandle.current().pid() + ")");
    out.plain(String.format(row, "PostgreSQL " + postgres.version(), postgres.database().jdbcUrl(),
        postgres.embedded() ? "embedded, data in " + settings.show(settings.dataDir("postgres")) : "external"));
    out.plain(String.format(row, "Redis", redis.url(), redis.pid() == null ? "external"
        : "embedded, pid " + redis.pid() + ", data in " + settings.show(settings.dataDir("redis"))));
    if (mail != null) {
      out.plain(String.format(row, "mail (dev SMTP)", "smtp://localhost:" + settings.smtpPort(),
          "inbox: http://localhost:" + mail.inboxPort() + "/ (JSON: /api/messages)"));
    }
    if (turn != null) {
      out.plain(String.format(row, "coturn (TURN/STUN)", turn.url(), "pid " + turn.pid() + ", realm " + turn.realm()
          + ", relay udp " + settings.turnMinPort() + "-" + settings.turnMaxPort() + ", users in Redis"));
    } else if (settings.turnUrls() != null) {
      out.plain(String.format(row, "TURN (external)", settings.turnUrls(), "LWM_TURN_URLS"));
    } else {
      out.plain(String.format(row, "TURN", "none", "coturn not installed: calls are degraded to audio"));
    }
    for (ChildProcess service : services) {
      ServiceSpec spec = table.stream().filter(s -> s.name().equals(service.name())).findFirst().orElseThrow();
      out.plain(String.format(row, spec.name(), spec.url(), "pid " + service.pid()
          + (spec.socketUrl() != null ? ", sockets on " + spec.socketUrl().replace("http:", "ws:") : "")));
    }
    if (!notBuilt.isEmpty()) {
      out.plain("  not built, so not started: " + String.join(", ", notBuilt));
    }
    if (services.stream().anyMatch(service -> service.name().equals("gateway-service"))
        && settings.environment().getOrDefault("LWM_GATEWAY_TLS_CERTIFICATE", "").isBlank()) {
      Path certificate = certificateDir().resolve("gateway-dev.crt");
      String port = settings.environment().getOrDefault("LWM_GATEWAY_TLS_PORT", "8443");
      DevCertificate.spkiHash(certificate).ifPresent(hash -> {
        out.plain("  gateway TLS/HTTP/3 dev certificate: " + certificate);
        out.plain("    Chromium over HTTP/3: chromium --origin-to-force-quic-on=localhost:" + port
            + " --ignore-certificate-errors-spki-list=" + hash + " https://localhost:" + port + "/");
      });
    }
    out.plain("  logs in " + settings.show(settings.fleetDir().resolve("logs"))
        + "; stop with Ctrl-C or ./fleet down");
    out.plain("");
  }

  /** One fleet per checkout: a second launcher would fight the first over ports and data. */
  private void claimPidFile() throws IOException {
    if (Files.exists(pidFile)) {
      String recorded = Files.readString(pidFile).strip();
      Optional<ProcessHandle> other = recorded.matches("\\d+")
          ? ProcessHandle.of(Long.parseLong(recorded)) : Optional.empty();
      boolean launcherAlive = other.filter(ProcessHandle::isAlive)
          .filter(p -> p.info().commandLine().map(line -> line.contains("fleet-launcher")).orElse(true))
          .isPresent();
      if (launcherAlive) {
        throw new FleetException("the fleet is already running (launcher pid " + recorded + "); ./fleet down stops it");
      }
    }
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
  }

  private void stop() {
    fleet.stopAll();
    try {
      // only our own: never delete the file of a launcher that refused to start beside it
      if (Files.exists(pidFile) && Files.readString(pidFile).strip().equals(Long.toString(ProcessHandle.current().pid()))) {
        Files.delete(pidFile);
      }
    } catch (IOException e) {
      out.say("could not remove " + settings.show(pidFile) + ": " + e.getMessage());
    }
    out.say("stopped");
  }
}
