package com.linkwithmentor.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * The fleet's Redis: the real redis-server binary shipped in embedded-redis, run as an ordinary child
 * process (embedded-redis's own RedisServer adds a JVM shutdown hook that would stop Redis while the
 * services are still shutting down), with its data directory and append-only file kept between runs.
 * Or an external server the user named, which we only check.
 */
final class Redis implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final @Nullable ChildProcess process;
  private final String url;

  private Redis(@Nullable ChildProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  static Redis start(FleetSettings settings, Output out) throws IOException, InterruptedException {
    if (settings.redisUrl() != null) {
      URI uri = URI.create(settings.redisUrl());
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      int port = uri.getPort() == -1 ? 6379 : uri.getPort();
      if (!Net.answers(host, port)) {
        throw new FleetException("nothing answers at LWM_REDIS_URL " + settings.redisUrl());
      }
      return new Redis(null, settings.redisUrl());
    }

    int port = settings.redisPort();
    if (Net.answers("localhost", port)) {
      throw new FleetException("port " + port + " is already taken (another Redis?). "
          + "Set LWM_REDIS_PORT to a free port, or LWM_REDIS_URL to use that server.");
    }
    File binary = ExecutableProvider.newJarResourceProvider().get();
    Path dataDirectory = settings.dataDir("redis").toAbsolutePath();
    Files.createDirectories(dataDirectory);
    List<String> command = List.of(binary.getAbsolutePath(),
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--dir", dataDirectory.toString(),
        "--appendonly", "yes");
    ChildProcess process = ChildProcess.start("redis", command, settings.environment(),
        dataDirectory, settings.logFile("redis"), out);

    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (!Net.redisPong("localhost", port)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.close();
        throw new FleetException("redis-server did not start; see " + settings.show(process.logFile()));
      }
      Thread.sleep(100);
    }
    process.reportUnexpectedExit();
    return new Redis(process, "redis://localhost:" + port);
  }

  String url() {
    return url;
  }

  @Nullable Long pid() {
    return process == null ? null : process.pid();
  }

  /** SIGTERM: Redis flushes its append-only file and exits. An external server is left alone. */
  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
