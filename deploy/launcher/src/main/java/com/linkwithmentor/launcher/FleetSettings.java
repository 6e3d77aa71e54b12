package com.linkwithmentor.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything the launcher takes from its environment, read once so the rest of the code works with
 * plain values. {@code postgresUrl} / {@code redisUrl} are set when the user points the fleet at
 * external servers; then nothing is embedded. {@code smtpHost} likewise: set, it names a real mail
 * server; unset, the launcher runs the development one. {@code turnUrls} too: set, it names a TURN
 * server already reading the fleet's Redis; unset, the launcher runs coturn when it is installed.
 * {@code fleetDir} holds data, logs, secrets and the pid file: {@code .fleet} beside the code, so one
 * checkout is one fleet, unless {@code LWM_FLEET_DIR} names another (a test's fleet beside a
 * developer's). {@code startParallel} services start at once between the first (user-service,
 * whose keys the others fetch) and the last (the gateway); {@code serviceJavaOptions} are JVM options
 * for every service (a test fleet asks for a quick start).
 */
record FleetSettings(
    Path root,
    Path fleetDir,
    int postgresPort,
    int redisPort,
    Duration startTimeout,
    int startParallel,
    List<String> serviceJavaOptions,
    @Nullable String postgresUrl,
    String postgresUser,
    String postgresPassword,
    @Nullable String redisUrl,
    @Nullable String smtpHost,
    int smtpPort,
    int mailInboxPort,
    @Nullable String turnUrls,
    int turnPort,
    int turnMinPort,
    int turnMaxPort,
    String turnRealm,
    Map<String, String> environment) {

  static FleetSettings from(Map<String, String> env, @Nullable String rootProperty) {
    Path root = Path.of(rootProperty == null || rootProperty.isBlank() ? "" : rootProperty)
        .toAbsolutePath().normalize();
    String fleetDir = blankToNull(env.get("LWM_FLEET_DIR"));
    return new FleetSettings(
        root,
        fleetDir == null ? root.resolve(".fleet") : Path.of(fleetDir).toAbsolutePath().normalize(),
        number(env, "LWM_PG_PORT", 5432),
        number(env, "LWM_REDIS_PORT", 6379),
        Duration.ofSeconds(number(env, "LWM_START_TIMEOUT", 120)),
        Math.max(1, number(env, "LWM_START_PARALLEL", 1)),
        words(env.get("LWM_SERVICE_JAVA_OPTIONS")),
        blankToNull(env.get("LWM_POSTGRES_URL")),
        env.getOrDefault("LWM_POSTGRES_USER", "postgres"),
        env.getOrDefault("LWM_POSTGRES_PASSWORD", "postgres"),
        blankToNull(env.get("LWM_REDIS_URL")),
        blankToNull(env.get("LWM_SMTP_HOST")),
        number(env, "LWM_SMTP_PORT", 1025),
        number(env, "LWM_MAIL_INBOX_PORT", 1080),
        blankToNull(env.get("LWM_TURN_URLS")),
        number(env, "LWM_TURN_PORT", 3478),
        number(env, "LWM_TURN_MIN_PORT", 49152),
        number(env, "LWM_TURN_MAX_PORT", 50151),
        env.getOrDefault("LWM_TURN_REALM", "linkwithmentor"),
        Map.copyOf(env));
  }

  Path dataDir(String name) {
    return fleetDir().resolve("data").resolve(name);
  }

  Path logFile(String name) {
    return fleetDir().resolve("logs").resolve(name + ".log");
  }

  /** For messages: a path under the repo root, written relative to it. */
  String show(Path path) {
    return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new FleetException(name + " must be a whole number, not '" + value + "'");
    }
  }

  private static List<String> words(@Nullable String value) {
    String words = blankToNull(value);
    return words == null ? List.of() : Arrays.asList(words.split("\\s+"));
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
