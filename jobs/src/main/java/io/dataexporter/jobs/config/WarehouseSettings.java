package io.dataexporter.jobs.config;

import java.util.Optional;
import java.util.function.Function;

/** Where the export reads: a PostgreSQL-compatible database over JDBC, or Redshift through the spark-redshift connector. */
public sealed interface WarehouseSettings {

    /** The values of its {@code .kind} setting. */
    enum Kind { JDBC, REDSHIFT }

    JdbcTarget target();

    /** The schema that holds the exported tables. */
    String schema();

    /** One function per kind, so that a new kind does not compile until every caller handles it. */
    <R> R match(Function<Jdbc, R> jdbc, Function<Redshift, R> redshift);

    /** {@code warehouse.kind=jdbc}: parallel JDBC reads split on the time column. */
    record Jdbc(JdbcTarget target, String schema, int partitions) implements WarehouseSettings {
        @Override
        public <R> R match(Function<Jdbc, R> jdbc, Function<Redshift, R> redshift) {
            return jdbc.apply(this);
        }
    }

    /** {@code warehouse.kind=redshift}: UNLOAD to the tempdir with the role, encrypted with the KMS key unless the opt-out is set. */
    record Redshift(JdbcTarget target, String schema, String iamRole, String tempdir, Optional<String> sseKmsKey, Optional<String> jdbcDriver)
            implements WarehouseSettings {
        @Override
        public <R> R match(Function<Jdbc, R> jdbc, Function<Redshift, R> redshift) {
            return redshift.apply(this);
        }
    }
}
