package com.linkwithmentor.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A running PostgreSQL server and the credentials of a user allowed to create databases.
 * Tests never share a database: each asks for a fresh one with {@link #createDatabase(String)}.
 */
public record PostgresServer(String host, int port, String username, String password, String adminDatabase) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates an empty database whose name starts with the hint (lower-cased, safe characters only). */
    public String createDatabase(String hint) {
        String safe = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (safe.length() > 40) {
            safe = safe.substring(safe.length() - 40);
        }
        String name = "t_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet() + "_" + safe;
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase), username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name + " on " + jdbcUrl(adminDatabase), ex);
        }
        return name;
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl(database));
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }
}
