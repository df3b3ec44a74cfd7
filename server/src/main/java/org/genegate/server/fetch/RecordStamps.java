package org.genegate.server.fetch;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.genegate.server.database.SchemaMigration;
import org.genegate.server.database.SupportedDatabase;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@value #TABLE}: one random stamp per owner of stored resources (a patient's id, or
 * {@value RecordOwners#OUTSIDE_EVERY_PATIENT}), replaced by a fresh one in the transaction of every write that
 * touches that owner's resources. A node may reuse what it read from the store while the stamps it read under are
 * unchanged, whichever node wrote since; a missing row is a stamp of its own ("none"). Random rather than counted:
 * nothing compares them but for equality, and an upsert of a random value needs no read of the old one.
 *
 * <p>The stamps of a transaction are written once, just before it commits ({@code beforeCommit}), in the order of
 * their keys, on the transaction's own connection (the template below joins it), so they commit or roll back with
 * the data. A transaction bundle of 50 resources of one patient writes one row; two transactions touching the same
 * patients take the row locks in the same order, and only once all their other writes are done, so neither can
 * hold a lock the other waits for (the second waits for the first to commit).
 *
 * <p>Not one of HAPI's tables, so not in its migrator: created here, on H2 and PostgreSQL, after the schema
 * migration has taken the start-up lock (as the audit table).
 */
@Component
public class RecordStamps {

    static final String TABLE = "GG_RECORD_STAMP";

    private final JdbcTemplate jdbc;
    private final String upsert;

    public RecordStamps(DataSource dataSource, DataSourceProperties dataSourceProperties,
                        SchemaMigration startUpLockHeld) {
        // HAPI's JpaTransactionManager binds the connection of its transaction to this DataSource, so inside a
        // write this template runs on the write's connection.
        this.jdbc = new JdbcTemplate(dataSource);
        this.upsert = switch (SupportedDatabase.requireForJdbcUrl(dataSourceProperties.determineUrl())) {
            case H2 -> "MERGE INTO " + TABLE + " (OWNER_ID, STAMP) KEY (OWNER_ID) VALUES (?, ?)";
            case POSTGRESQL -> "INSERT INTO " + TABLE + " (OWNER_ID, STAMP) VALUES (?, ?)"
                    + " ON CONFLICT (OWNER_ID) DO UPDATE SET STAMP = EXCLUDED.STAMP";
        };
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (OWNER_ID VARCHAR(100) NOT NULL PRIMARY KEY, STAMP BIGINT NOT NULL)");
    }

    /** The current stamps of these owners; an owner without a row is absent from the map. */
    Map<String, Long> read(Collection<String> owners) {
        Map<String, Long> stamps = new HashMap<>();
        if (owners.isEmpty()) {
            return stamps;
        }
        String marks = String.join(", ", Collections.nCopies(owners.size(), "?"));
        jdbc.query("SELECT OWNER_ID, STAMP FROM " + TABLE + " WHERE OWNER_ID IN (" + marks + ")",
                row -> { stamps.put(row.getString(1), row.getLong(2)); }, owners.toArray());
        return stamps;
    }

    /**
     * Gives these owners fresh stamps when the current transaction commits (and not if it rolls back); without a
     * transaction, at once.
     */
    void renew(Set<String> owners) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(owners);
            return;
        }
        pendingOfThisTransaction().owners.addAll(owners);
    }

    private PendingRenewal pendingOfThisTransaction() {
        // The synchronizations of the current transaction only: those of a suspended outer one are hidden.
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingRenewal pending && pending.stamps() == this) {
                return pending;
            }
        }
        PendingRenewal pending = new PendingRenewal();
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    private void write(Set<String> owners) {
        List<Object[]> rows = new TreeSet<>(owners).stream()
                .map(owner -> new Object[] {owner, ThreadLocalRandom.current().nextLong()})
                .toList();
        try {
            jdbc.batchUpdate(upsert, rows);
        } catch (DuplicateKeyException e) {
            // H2's MERGE inserts when it finds no row, so two transactions giving a new owner its first stamp
            // collide; the other one has committed that row now, and H2 keeps this transaction usable after a
            // failed statement: merging again updates it. (PostgreSQL's ON CONFLICT never gets here.)
            jdbc.batchUpdate(upsert, rows);
        }
    }

    private final class PendingRenewal implements TransactionSynchronization {

        private final Set<String> owners = new TreeSet<>();

        RecordStamps stamps() {
            return RecordStamps.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!owners.isEmpty()) {
                write(owners);
            }
        }
    }
}
