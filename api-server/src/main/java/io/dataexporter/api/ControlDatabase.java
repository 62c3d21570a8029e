package io.dataexporter.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The API's pool of connections to the control database, with every wait bounded: connect, socket reads, statements. */
final class ControlDatabase {

    static final int POOL_SIZE = 8;
    static final long CONNECT_TIMEOUT_MILLIS = 3_000;

    private ControlDatabase() {
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
            config.addDataSourceProperty("options", "-c statement_timeout=10000");
        } else if (url.startsWith("jdbc:redshift:")) {
            config.addDataSourceProperty("loginTimeout", "3");
            config.addDataSourceProperty("socketTimeout", "15");
        }
        return new HikariDataSource(config);
    }
}
