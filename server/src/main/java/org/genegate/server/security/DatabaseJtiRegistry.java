package org.genegate.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.genegate.hooks.HookRequestException;
import org.genegate.security.JtiRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The CDS clients' {@code jti}s in the database every node shares, so a token replayed to another node is
 * refused too. One row per accepted token, keyed by a hash of issuer and jti (a unique key does the deciding,
 * so two nodes receiving the same token at once cannot both accept it), kept until the token expires.
 *
 * <p>A database that cannot be asked is a 503, never an accepted token.
 */
@Component
@Profile("security")
public class DatabaseJtiRegistry implements JtiRegistry {

    static final String TABLE = "GG_CDS_JTI";
    private static final Logger log = LoggerFactory.getLogger(DatabaseJtiRegistry.class);
    private static final int PURGE_EVERY = 1_000;

    private final JdbcTemplate jdbc;
    private final AtomicLong inserts = new AtomicLong();

    public DatabaseJtiRegistry(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        // Not one of HAPI's tables, so not in its migrator: created here, the same on H2 and PostgreSQL.
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (JTI_KEY VARCHAR(64) NOT NULL PRIMARY KEY, FORGET_AFTER TIMESTAMP NOT NULL)");
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant forgetAfter, Instant now) {
        String key = key(issuer, jti);
        try {
            if (inserts.incrementAndGet() % PURGE_EVERY == 0) {
                int purged = jdbc.update("DELETE FROM " + TABLE + " WHERE FORGET_AFTER < ?", Timestamp.from(now));
                log.debug("Purged {} expired jti rows", purged);
            }
            try {
                jdbc.update("INSERT INTO " + TABLE + " (JTI_KEY, FORGET_AFTER) VALUES (?, ?)", key,
                        Timestamp.from(forgetAfter));
                return true;
            } catch (DuplicateKeyException seenBefore) {
                // Seen before: a replay, unless that token has expired since (then its row may be reused).
                return jdbc.update("UPDATE " + TABLE + " SET FORGET_AFTER = ? WHERE JTI_KEY = ? AND FORGET_AFTER < ?",
                        Timestamp.from(forgetAfter), key, Timestamp.from(now)) == 1;
            }
        } catch (DataAccessException e) {
            log.error("jti registry unreachable; refusing the call rather than risk a replay: {}", e.getMessage());
            throw new HookRequestException(HttpStatus.SERVICE_UNAVAILABLE, "transient",
                    "A replay of this token cannot be ruled out right now; retry shortly");
        }
    }

    private static String key(String issuer, String jti) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((issuer + '\n' + jti).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
