package org.genegate.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test run, created on the server given by
 * {@code -Dgenegate.it.postgres.url} (default {@value #DEFAULT_ADMIN_URL}, trust auth, user
 * {@code -Dgenegate.it.postgres.user}, default {@code postgres}) and dropped by {@link #close()}.
 *
 * <p>Each run gets a fresh name ({@code genegate_it_<purpose>_<random>}), so runs on the same
 * server (CI and a developer, two checkouts) never see each other's data.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static final String ADMIN_URL = System.getProperty("genegate.it.postgres.url", DEFAULT_ADMIN_URL);
    private static final String USER = System.getProperty("genegate.it.postgres.user", "postgres");
    private static final String PASSWORD = System.getProperty("genegate.it.postgres.password", "");

    private final String name;
    private final String url;

    private PostgresTestDatabase(String name) {
        this.name = name;
        this.url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    /** Why no PostgreSQL server can be used, or empty when one answers. */
    public static Optional<String> unavailableReason() {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("PostgreSQL not reachable at " + ADMIN_URL + " as " + USER + ": " + e.getMessage());
        }
    }

    /** Creates an empty database; {@code purpose} (letters, digits) goes into its name. */
    public static PostgresTestDatabase create(String purpose) {
        String name = ("genegate_it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("Not a safe database name: " + name);
        }
        PostgresTestDatabase database = new PostgresTestDatabase(name);
        database.admin("CREATE DATABASE " + name);
        return database;
    }

    public String url() {
        return url;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public String name() {
        return name;
    }

    /** Drops the database, ending any connection still open to it (PostgreSQL 13+). */
    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + ADMIN_URL + ": " + e.getMessage(), e);
        }
    }
}
