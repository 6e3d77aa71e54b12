package com.linkwithmentor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * deploy/compose/postgres-init/10-service-roles.sh (also the dev overlay's) on a real PostgreSQL 18,
 * with the role list docker-compose.yml gives it: each service's role logs in, lands in its own
 * schema, creates tables there, and cannot create or read anything anywhere else; the extensions
 * the migrations use are there beforehand. Needs psql on the machine (the script's client), else
 * skipped.
 */
class PostgresRolesTests {

    private static final Fleet FLEET = Fleet.load();
    private static EmbeddedPostgres postgres;
    private static final Map<String, String> passwords = new LinkedHashMap<>();
    private static final Map<String, String> schemas = new LinkedHashMap<>();

    @BeforeAll
    static void runTheInitScript() throws Exception {
        Assumptions.assumeTrue(onPath("psql"), "psql is not installed: the init script is checked by ComposeFileTests only");
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE linkwithmentor");
        }
        String roles = Fleet.YAML.readTree(FLEET.read("docker-compose.yml")).path("services").path("postgres")
                .path("environment").path("LWM_DB_ROLES").asString().trim();
        ProcessBuilder script = new ProcessBuilder("bash", FLEET.path("deploy/compose/postgres-init/10-service-roles.sh").toString())
                .redirectErrorStream(true);
        Map<String, String> env = script.environment();
        env.put("PGHOST", "localhost");
        env.put("PGPORT", Integer.toString(postgres.getPort()));
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_DB", "linkwithmentor");
        env.put("LWM_DB_ROLES", roles);
        for (String entry : roles.split("\\s+")) {
            String[] parts = entry.split(":");
            String password = UUID.randomUUID().toString();
            passwords.put(parts[0], password);
            schemas.put(parts[0], parts[1]);
            env.put("LWM_DB_PASSWORD_" + parts[0].toUpperCase(), password);
        }
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("10-service-roles.sh:%n%s", output).isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everySchemaOfTheFleetHasItsOwnRole() {
        for (Fleet.Service service : FLEET.table()) {
            if (service.schema() != null) {
                assertThat(schemas).containsEntry(service.role(), service.schema());
            }
        }
    }

    @Test
    void eachRoleWorksInItsOwnSchemaAndNowhereElse() throws SQLException {
        for (Map.Entry<String, String> role : schemas.entrySet()) {
            try (Connection connection = connect(role.getKey()); Statement statement = connection.createStatement()) {
                try (ResultSet schema = statement.executeQuery("SELECT current_schema()")) {
                    assertThat(schema.next()).isTrue();
                    assertThat(schema.getString(1)).as("%s lands in its schema", role.getKey()).isEqualTo(role.getValue());
                }
                statement.execute("CREATE TABLE own_table (id int PRIMARY KEY)");
                statement.execute("INSERT INTO own_table VALUES (1)");
                for (String other : schemas.values()) {
                    if (!other.equals(role.getValue())) {
                        assertThatThrownBy(() -> statement.execute("CREATE TABLE " + other + ".intruder (id int)"))
                                .as("%s creates nothing in %s", role.getKey(), other).hasMessageContaining("permission denied");
                        assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM " + other + ".own_table"))
                                .as("%s reads nothing in %s", role.getKey(), other).isInstanceOf(SQLException.class);
                    }
                }
                assertThatThrownBy(() -> statement.execute("CREATE TABLE public.intruder (id int)")).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.execute("CREATE SCHEMA another")).hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void theExtensionsAMigrationCreatesAreThereAlready() throws SQLException {
        for (Fleet.Service service : FLEET.built()) {
            for (String extension : FLEET.extensions(service)) {
                try (Connection connection = connect(service.role()); Statement statement = connection.createStatement()) {
                    statement.execute("CREATE EXTENSION IF NOT EXISTS " + extension);
                }
            }
        }
    }

    private static Connection connect(String role) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/linkwithmentor", role, passwords.get(role));
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
