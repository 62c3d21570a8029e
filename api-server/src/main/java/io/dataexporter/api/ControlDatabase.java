package io.dataexporter.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The API's pool of connections to the control database, with every wait bounded: connect, socket reads, statements. */
final class ControlDatabase {

    static final int POOL_SIZE = 8;
    static final long CONNECT_TIMEOUT_MILLIS = 3_000;
    static final long LOCK_TIMEOUT_MILLIS = 5_000;
    static final long IDLE_IN_TRANSACTION_TIMEOUT_MILLIS = 30_000;

    private ControlDatabase() {
    }

    static HikariDataSource pool(ApiConfig.ControlDatabaseSettings control) {
        return pool(control.url(), control.user(), control.password());
    }

    static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("data-exporter-control");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        config.setValidationTimeout(2_000);
        // The pool starts even while the database is down; /readyz reports it, and calls fail fast with a clear error.
        config.setInitializationFailTimeout(-1);
        if (url.startsWith("jdbc:postgresql:")) {
            config.addDataSourceProperty("connectTimeout", "3");
            config.addDataSourceProperty("socketTimeout", "15");
            // lock_timeout: requestData fails in 5 s while another session holds the request table's lock, instead of
            // queueing every worker behind it; idle_in_transaction_session_timeout: PostgreSQL ends the session of a
            // server that stopped mid-transaction (a lost node) after 30 s, and with it the lock, not after TCP's two hours
            config.addDataSourceProperty("options", "-c statement_timeout=10000 -c lock_timeout=" + LOCK_TIMEOUT_MILLIS
                    + " -c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION_TIMEOUT_MILLIS);
        } else if (url.startsWith("jdbc:redshift:")) {
            config.addDataSourceProperty("loginTimeout", "3");
            config.addDataSourceProperty("socketTimeout", "15");
        }
        return new HikariDataSource(config);
    }
}
