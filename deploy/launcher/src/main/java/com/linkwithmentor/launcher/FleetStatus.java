package com.linkwithmentor.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./fleet status}: for each service of the table, its URL, what its {@code /actuator/health}
 * says (or that nothing answers), and its log file; then the shared servers.
 */
final class FleetStatus {

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

  private FleetStatus() {
  }

  static int print(FleetSettings settings, List<ServiceSpec> table) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    String row = "  %-20s %-28s %-14s %s%n";
    System.out.printf(row, "SERVICE", "URL", "HEALTH", "LOG");
    int unhealthy = 0;
    for (ServiceSpec spec : table) {
      String health = health(http, spec.url() + "/actuator/health");
      if (!health.equals("UP")) {
        unhealthy++;
      }
      String log = Files.exists(settings.logFile(spec.name())) ? settings.show(settings.logFile(spec.name())) : "-";
      System.out.printf(row, spec.name(), spec.url(), health, log);
    }
    System.out.printf(row, "postgres", "localhost:" + settings.postgresPort(),
        Net.answers("localhost", settings.postgresPort()) ? "listening" : "down", settings.show(settings.logFile("postgres")));
    System.out.printf(row, "redis", "localhost:" + settings.redisPort(),
        Net.redisPong("localhost", settings.redisPort()) ? "PONG" : "down", settings.show(settings.logFile("redis")));
    if (settings.smtpHost() == null) {
      System.out.printf(row, "mail", "http://localhost:" + settings.mailInboxPort() + "/",
          Net.answers("localhost", settings.smtpPort()) ? "listening" : "down", "-");
    }
    return unhealthy;
  }

  private static String health(HttpClient http, String url) throws InterruptedException {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
          .build(), HttpResponse.BodyHandlers.ofString());
      Matcher matcher = STATUS.matcher(response.body());
      return matcher.find() ? matcher.group(1) : "HTTP " + response.statusCode();
    } catch (IOException e) {
      return "not running";
    }
  }
}
