package org.genegate.server.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes the start-up of a node exclusive among all server processes that share one database:
 * from the schema migration, through HAPI's own seeding of its tables (resource types and the
 * like) and the start-up runners (terminology, demo data, and whatever installs profiles), until
 * the node is ready. Nodes started at the same instant thus start one after the other: the first
 * does the work, the others find it done. Step-by-step locking is not enough, because HAPI
 * seeds tables of its own while its beans are created (two nodes inserting the same
 * {@code HFJ_RESOURCE_TYPE} rows at once made the second fail to start).
 *
 * <p>On PostgreSQL this is a session-level advisory lock held on a connection of its own. The
 * database releases it when that connection ends, so a node killed half-way never leaves a lock
 * behind (unlike a lock row in a table). On H2 the database file admits only one process, so
 * there is nothing to serialise between processes.
 */
@Component
public class StartupLock implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    /** Arbitrary but fixed: every GeneGate node must use the same key. ("GeneGate" in ASCII.) */
    static final long ADVISORY_LOCK_KEY = 0x47656e6547617465L;

    private final DataSource dataSource;
    private final SupportedDatabase database;
    private Connection held;

    public StartupLock(DataSource dataSource, DataSourceProperties dataSourceProperties) {
        this.dataSource = dataSource;
        this.database = SupportedDatabase.requireForJdbcUrl(dataSourceProperties.determineUrl());
    }

    /** Waits until no other node is starting on this database, then holds the lock. */
    public synchronized void acquire() {
        if (database != SupportedDatabase.POSTGRESQL || held != null) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            try {
                if (!queryBoolean(connection, "SELECT pg_try_advisory_lock(?)")) {
                    log.info("Waiting for another node sharing the database to finish starting");
                    // Blocks until the other node is ready or its connection ends; returns void.
                    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                        statement.setLong(1, ADVISORY_LOCK_KEY);
                        statement.execute();
                    }
                }
                held = connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Start-up lock failed: " + e.getMessage(), e);
        }
    }

    /** Lets the next node start: this one is ready (runners done) or is going down. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held) {
            held = null;
            if (!queryBoolean(connection, "SELECT pg_advisory_unlock(?)")) {
                log.warn("Start-up lock was not held when released");
            }
        } catch (SQLException e) {
            // Closing the connection releases the lock all the same.
            log.warn("Start-up lock release: {}", e.getMessage());
        }
    }

    /** A failed start closes the context: the lock must not outlive it. */
    @Override
    public void destroy() {
        release();
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
