package org.genegate.server.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Serialises start-up work (schema migration, terminology and profile installation, demo data)
 * across every server process that shares one database, so that nodes started at the same
 * instant do it one after the other: the first does the work, the others find it done.
 *
 * <p>On PostgreSQL this is a session-level advisory lock held on a connection of its own. The
 * database releases it when that connection ends, so a node killed half-way never leaves a lock
 * behind (unlike a lock row in a table). On H2 the database file admits only one process, so
 * there is nothing to serialise between processes.
 */
@Component
public class StartupLock {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    /** Arbitrary but fixed: every GeneGate node must use the same key. ("GeneGate" in ASCII.) */
    static final long ADVISORY_LOCK_KEY = 0x47656e6547617465L;

    private final DataSource dataSource;
    private final SupportedDatabase database;

    public StartupLock(DataSource dataSource, DataSourceProperties dataSourceProperties) {
        this.dataSource = dataSource;
        this.database = SupportedDatabase.requireForJdbcUrl(dataSourceProperties.determineUrl());
    }

    /** Runs {@code work} while no other node runs start-up work on the same database. */
    public void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /** Like {@link #run}, returning the work's result. */
    public <T> T call(String what, Supplier<T> work) {
        if (database != SupportedDatabase.POSTGRESQL) {
            return work.get();
        }
        try (Connection connection = dataSource.getConnection()) {
            lock(connection, what);
            try {
                return work.get();
            } finally {
                unlock(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Start-up lock for " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static void lock(Connection connection, String what) throws SQLException {
        if (queryBoolean(connection, "SELECT pg_try_advisory_lock(?)")) {
            return;
        }
        log.info("Waiting for another node to finish its start-up work before {}", what);
        // Blocks until the other node unlocks or its connection ends; returns void.
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            statement.setLong(1, ADVISORY_LOCK_KEY);
            statement.execute();
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        if (!queryBoolean(connection, "SELECT pg_advisory_unlock(?)")) {
            log.warn("Start-up lock was not held when released");
        }
    }

    private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, ADVISORY_LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
