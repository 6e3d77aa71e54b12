package com.linkwithmentor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Services that hold WebSockets need one open file per socket: far more than a shell's usual
 * 1,024 (or a container's 20,000). The launcher starts them through a shell that raises the limit
 * as far as the system lets it (LWM_OPEN_FILES, default 1,048,576; else up to the hard limit), and
 * says what the service got, so a limit is never hit silently.
 */
final class OpenFiles {

  private OpenFiles() {
  }

  /** The prefix that raises the limit, then execs the service in its place (the pid stays its own). */
  static List<String> raisingCommand() {
    return List.of("/bin/sh", "-c",
        "ulimit -n \"${LWM_OPEN_FILES:-1048576}\" 2>/dev/null || ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$@\"",
        "raise-open-files");
  }

  /** One line on what a running process may open: its limit, read from /proc (Linux). */
  static String describe(String name, long pid) {
    Optional<Long> limit = limit(pid);
    if (limit.isEmpty()) {
      return name + ": open-file limit unknown on this system (each WebSocket needs one)";
    }
    String line = name + " may hold about " + limit.get() + " open files (one per WebSocket)";
    if (limit.get() < 100_000) {
      line += "; the system's hard limit stops it there: raise it (ulimit -Hn, systemd LimitNOFILE, the container's"
          + " nofile ulimit) for more sockets per instance";
    }
    return line;
  }

  static Optional<Long> limit(long pid) {
    Path limits = Path.of("/proc", Long.toString(pid), "limits");
    try {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          String[] cells = line.substring("Max open files".length()).trim().split("\\s+");
          return cells[0].equals("unlimited") ? Optional.of(Long.MAX_VALUE) : Optional.of(Long.parseLong(cells[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
