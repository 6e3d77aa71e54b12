package com.linkwithmentor.launcher;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's PostgreSQL: a real PostgreSQL 18 server unpacked from Maven Central (zonky) whose data
 * directory outlives the launcher, or an external server the user named, which we only check.
 */
final class Postgres implements AutoCloseable {

  static final String DATABASE = "linkwithmentor";

  /** How services connect: Spring's SPRING_DATASOURCE_* values. */
  record Database(String jdbcUrl, String user, String password) {
  }

  private final @Nullable EmbeddedPostgres server;
  private final Database database;
  private final String version;

  private Postgres(@Nullable EmbeddedPostgres server, Database database, String version) {
    this.server = server;
    this.database = database;
    this.version = version;
  }

  static Postgres start(FleetSettings settings) throws IOException {
    if (settings.postgresUrl() != null) {
      Database external = new Database(settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword());
      try (Connection connection = DriverManager.getConnection(external.jdbcUrl(), external.user(), external.password())) {
        return new Postgres(null, external, serverVersion(connection));
      } catch (SQLException e) {
        throw new FleetException("cannot connect to LWM_POSTGRES_URL " + external.jdbcUrl() + ": " + e.getMessage(), e);
      }
    }

    int port = settings.postgresPort();
    if (Net.answers("localhost", port)) {
      throw new FleetException("port " + port + " is already taken (another PostgreSQL?). "
          + "Set LWM_PG_PORT to a free port, or LWM_POSTGRES_URL to use that server.");
    }
    Path dataDirectory = settings.dataDir("postgres");
    Path log = settings.logFile("postgres");
    Files.createDirectories(dataDirectory.getParent());
    Files.createDirectories(log.getParent());
    EmbeddedPostgres server = EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false) // keep the data between runs: initdb only the first time
        .setPort(port)
        .setRegisterShutdownHook(false) // the launcher stops it, after the services that use it
        .setServerConfig("fsync", "on") // zonky turns fsync off for throwaway test clusters; this one keeps data
        .setOutputRedirector(Redirect.appendTo(log.toFile()))
        .setErrorRedirector(Redirect.appendTo(log.toFile()))
        .start();
    try (Connection connection = server.getPostgresDatabase().getConnection()) {
      createDatabaseIfMissing(connection);
      Database database = new Database(
          "jdbc:postgresql://localhost:" + port + "/" + DATABASE,
          "postgres",
          "postgres"); // the embedded cluster trusts local connections; any password works
      return new Postgres(server, database, serverVersion(connection));
    } catch (SQLException e) {
      server.close();
      throw new FleetException("PostgreSQL started but could not be prepared: " + e.getMessage(), e);
    }
  }

  private static void createDatabaseIfMissing(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, DATABASE);
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
    }
    try (Statement create = connection.createStatement()) {
      create.execute("CREATE DATABASE " + DATABASE);
    }
  }

  private static String serverVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      rows.next();
      return rows.getString(1);
    }
  }

  Database database() {
    return database;
  }

  String version() {
    return version;
  }

  boolean embedded() {
    return server != null;
  }

  /** Stops the embedded server (pg_ctl stop -m fast); an external one is left alone. */
  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }
}
