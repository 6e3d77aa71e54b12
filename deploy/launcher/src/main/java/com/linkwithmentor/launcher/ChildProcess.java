package com.linkwithmentor.launcher;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A process the launcher started and must stop. Its output goes to the launcher's stdout (prefixed)
 * and to its own log file; the last lines are kept so a failure can be explained without scrolling.
 */
final class ChildProcess implements AutoCloseable {

  private static final int TAIL_LINES = 40;
  private static final Duration GRACE = Duration.ofSeconds(15);

  /**
   * A terminal sends Ctrl-C's SIGINT to its whole foreground process group. Children in their own
   * session do not get it, so the launcher alone decides the stop order (pg_ctl does the same for
   * PostgreSQL). Where there is no setsid (macOS) children simply stop in parallel.
   */
  private static final @Nullable String SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
      .filter(candidate -> Files.isExecutable(Path.of(candidate)))
      .findFirst().orElse(null);

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread pump;
  private final Output out;
  private volatile boolean closing;

  private ChildProcess(String name, Process process, Path logFile, Output out) throws IOException {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.out = out;
    BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    this.pump = Thread.ofPlatform().daemon().name(name + "-output").start(() -> copyOutput(log, out));
  }

  static ChildProcess start(String name, List<String> command, Map<String, String> environment,
      Path workingDirectory, Path logFile, Output out) throws IOException {
    List<String> fullCommand = new ArrayList<>();
    if (SETSID != null) {
      fullCommand.add(SETSID); // execs the command in place: the pid stays the service's own
    }
    fullCommand.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(fullCommand)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Files.createDirectories(logFile.getParent());
    return new ChildProcess(name, builder.start(), logFile, out);
  }

  private void copyOutput(BufferedWriter log, Output out) {
    try (log; BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.line(name, line);
        log.write(line);
        log.newLine();
        log.flush(); // so `tail -f .fleet/logs/<name>.log` keeps up
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the process went away; nothing more to copy
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  Path logFile() {
    return logFile;
  }

  /** Once it runs, it should keep running: say so when it stops without being asked to. */
  void reportUnexpectedExit() {
    process.onExit().thenRun(() -> {
      if (!closing) {
        out.say(name + " exited on its own with code " + process.exitValue() + "; see " + logFile);
      }
    });
  }

  /** The last lines it printed, after its remaining output has been read. */
  List<String> tail() {
    joinPump();
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  /** SIGTERM first so the process shuts down gracefully; SIGKILL only if it has not gone after the grace period. */
  @Override
  public void close() {
    closing = true;
    try {
      if (process.isAlive()) {
        // Through the handle: Process.destroy() would also close our end of its output pipe,
        // and we would lose what it prints while shutting down.
        process.toHandle().destroy();
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          out.say(name + " did not stop within " + GRACE.toSeconds() + " s; killing it");
          kill();
        }
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
    joinPump();
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(timeout -> process).join();
  }

  private void joinPump() {
    try {
      pump.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
