package org.genegate.server.audit;

import ca.uhn.fhir.context.FhirContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.genegate.server.audit.AuditEventRow.SearchValue;
import org.genegate.server.database.SchemaMigration;
import org.genegate.server.database.SupportedDatabase;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The append-only audit store: {@value #EVENTS}, one row per AuditEvent (id, recorded, type, outcome, source and
 * the event's JSON), and {@value #VALUES}, one row per multi-valued search value (patient, entity, entity-name,
 * agent, subtype) of an event. A side table rather than delimited columns: a search by patient or card uuid is an
 * index lookup however many events there are, where {@code LIKE '%|value|%'} reads every row. An event costs its
 * row and five to ten value rows, written in the same JDBC batch as the other events of its batch.
 *
 * <p>Not one of HAPI's tables, so not in its migrator: created here, on H2 and PostgreSQL, after the schema
 * migration has taken the start-up lock (nodes starting together do not race to create it).
 */
@Component
public class AuditEventTable {

    static final String EVENTS = "GG_AUDIT_EVENT";
    static final String VALUES = "GG_AUDIT_EVENT_VALUE";
    private static final String INSERT_EVENT = "INSERT INTO " + EVENTS
            + " (ID, RECORDED, TYPE_SYSTEM, TYPE_CODE, OUTCOME, SOURCE, RESOURCE_JSON) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_VALUE = "INSERT INTO " + VALUES + " (EVENT_ID, PARAM, SYS, VAL)"
            + " VALUES (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final AuditEventRows rows;

    public AuditEventTable(DataSource dataSource, DataSourceProperties dataSourceProperties,
                           SchemaMigration startUpLockHeld, FhirContext fhirContext) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.rows = new AuditEventRows(fhirContext, Clock.systemUTC());
        String text = SupportedDatabase.requireForJdbcUrl(dataSourceProperties.determineUrl())
                == SupportedDatabase.POSTGRESQL ? "TEXT" : "CLOB";
        int max = AuditEventRows.MAX_VALUE;
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + EVENTS + " (ID VARCHAR(36) NOT NULL PRIMARY KEY,"
                + " RECORDED TIMESTAMP WITH TIME ZONE NOT NULL, TYPE_SYSTEM VARCHAR(" + max + "),"
                + " TYPE_CODE VARCHAR(" + max + "), OUTCOME VARCHAR(8), SOURCE VARCHAR(" + max + "),"
                + " RESOURCE_JSON " + text + " NOT NULL)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS GG_AUDIT_EVENT_RECORDED ON " + EVENTS + " (RECORDED)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + VALUES + " (EVENT_ID VARCHAR(36) NOT NULL,"
                + " PARAM VARCHAR(20) NOT NULL, SYS VARCHAR(" + max + "), VAL VARCHAR(" + max + ") NOT NULL)");
        // Covers the searches (param and value give the event ids without touching the table).
        jdbc.execute("CREATE INDEX IF NOT EXISTS GG_AUDIT_EVENT_VALUE_MATCH ON " + VALUES + " (PARAM, VAL, EVENT_ID)");
    }

    /**
     * Stores the events in one transaction, as two JDBC batches: all of them, or none. Each event gets its new id
     * (and {@code meta.lastUpdated}) set.
     */
    public void insert(List<AuditEvent> events) {
        List<AuditEventRow> batch = events.stream().map(rows::of).toList();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement eventRows = connection.prepareStatement(INSERT_EVENT);
                 PreparedStatement valueRows = connection.prepareStatement(INSERT_VALUE)) {
                for (AuditEventRow row : batch) {
                    eventRows.setString(1, row.id());
                    eventRows.setObject(2, OffsetDateTime.ofInstant(row.recorded(), ZoneOffset.UTC));
                    eventRows.setString(3, row.typeSystem());
                    eventRows.setString(4, row.typeCode());
                    eventRows.setString(5, row.outcome());
                    eventRows.setString(6, row.source());
                    eventRows.setString(7, row.json());
                    eventRows.addBatch();
                    for (SearchValue value : row.values()) {
                        valueRows.setString(1, row.id());
                        valueRows.setString(2, value.param());
                        if (value.system() == null) {
                            valueRows.setNull(3, Types.VARCHAR);
                        } else {
                            valueRows.setString(3, value.system());
                        }
                        valueRows.setString(4, value.value());
                        valueRows.addBatch();
                    }
                }
                eventRows.executeBatch();
                valueRows.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    public Optional<String> json(String id) {
        return jdbc.queryForList("SELECT RESOURCE_JSON FROM " + EVENTS + " WHERE ID = ?", String.class, id).stream()
                .findFirst();
    }

    /** How many events match. */
    public int count(AuditEventCriteria criteria) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + EVENTS + criteria.whereClause(), Integer.class,
                criteria.arguments().toArray());
        return count == null ? 0 : count;
    }

    /** One page of the matching events' JSON, newest first unless asked otherwise. */
    public List<String> page(AuditEventCriteria criteria, boolean oldestFirst, int offset, int count) {
        String order = oldestFirst ? " ORDER BY RECORDED ASC, ID ASC" : " ORDER BY RECORDED DESC, ID DESC";
        List<Object> arguments = new ArrayList<>(criteria.arguments());
        arguments.add(offset);
        arguments.add(count);
        return jdbc.queryForList("SELECT RESOURCE_JSON FROM " + EVENTS + criteria.whereClause() + order
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", String.class, arguments.toArray());
    }
}
