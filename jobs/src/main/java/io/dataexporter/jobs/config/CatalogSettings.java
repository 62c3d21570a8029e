package io.dataexporter.jobs.config;

import java.util.function.Function;

/** The Iceberg catalog the scheduled export commits to: the JDBC catalog (local stack, tests) or AWS Glue. */
public sealed interface CatalogSettings {

    /** The values of its {@code .kind} setting. */
    enum Kind { JDBC, GLUE }

    /** The Spark catalog name of the Iceberg tables. */
    String name();

    /** The Glue database, or the JDBC catalog's namespace. */
    String database();

    <R> R match(Function<Jdbc, R> jdbc, Function<Glue, R> glue);

    record Jdbc(String name, String database, String url) implements CatalogSettings {
        public Jdbc {
            requireDatabaseName(database);
        }

        @Override
        public <R> R match(Function<Jdbc, R> jdbc, Function<Glue, R> glue) {
            return jdbc.apply(this);
        }
    }

    record Glue(String name, String database) implements CatalogSettings {
        public Glue {
            requireDatabaseName(database);
        }

        @Override
        public <R> R match(Function<Jdbc, R> jdbc, Function<Glue, R> glue) {
            return glue.apply(this);
        }
    }

    private static void requireDatabaseName(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Setting 'catalog.database' is '" + database + "'; use lower-case letters, digits and '_' (Glue and Athena names)");
        }
    }
}
