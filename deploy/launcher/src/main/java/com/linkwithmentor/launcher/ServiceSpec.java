package com.linkwithmentor.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code fleet-services.conf}, the single place that says which services make up the
 * fleet, where their modules are, and which port, schema and (for services with WebSockets)
 * socket port each gets.
 */
record ServiceSpec(String name, String module, int port, @Nullable String schema, @Nullable Integer socketPort) {

  private static final String TABLE = "/fleet-services.conf";

  /** The table in start order. */
  static List<ServiceSpec> loadTable() {
    InputStream in = ServiceSpec.class.getResourceAsStream(TABLE);
    if (in == null) {
      throw new IllegalStateException(TABLE + " is missing from the launcher jar");
    }
    List<ServiceSpec> table = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String row = line.strip();
        if (row.isEmpty() || row.startsWith("#")) {
          continue;
        }
        String[] cells = row.split("\\s+");
        if (cells.length != 5) {
          throw new IllegalStateException(TABLE + ": expected 'name module port schema socket', got: " + row);
        }
        table.add(new ServiceSpec(cells[0], cells[1], Integer.parseInt(cells[2]), "-".equals(cells[3]) ? null : cells[3],
            "-".equals(cells[4]) ? null : Integer.valueOf(cells[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(table);
  }

  String url() {
    return "http://localhost:" + port;
  }

  /** The variable other services read this one's base URL from, e.g. LWM_SERVICE_URL_USER_SERVICE. */
  String urlVariable() {
    return "LWM_SERVICE_URL_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Where its WebSocket server answers, for the gateway's {@code <name>-ws} instances; null when none. */
  @Nullable String socketUrl() {
    return socketPort == null ? null : "http://localhost:" + socketPort;
  }

  /** e.g. LWM_SERVICE_URL_CHAT_SERVICE_WS. */
  String socketUrlVariable() {
    return urlVariable() + "_WS";
  }

  /**
   * The module's runnable jar, if it has been built: {@code <artifact>-*.jar} with a Main-Class.
   * That rules out the plain, sources and test jars whatever their classifier (the services'
   * Spring Boot jar is {@code <artifact>-<version>-exec.jar} beside the plain one).
   */
  Optional<Path> builtJar(Path root) {
    Path target = root.resolve(module).resolve("target");
    String artifact = Path.of(module).getFileName().toString();
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith(artifact + "-"))
          .filter(file -> file.getFileName().toString().endsWith(".jar"))
          .filter(ServiceSpec::hasMainClass)
          .max(Comparator.comparing(ServiceSpec::lastModified));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasMainClass(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) != null;
    } catch (IOException e) {
      return false; // not a jar, or one being written right now
    }
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
