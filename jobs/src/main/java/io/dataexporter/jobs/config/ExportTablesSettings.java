package io.dataexporter.jobs.config;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/** Where the export_tables rows live: beside the other policy tables in the warehouse, or in DynamoDB. */
public sealed interface ExportTablesSettings {

    /** The values of its {@code .kind} setting. */
    enum Kind { WAREHOUSE, DYNAMODB }

    <R> R match(Function<Warehouse, R> warehouse, Function<DynamoDb, R> dynamoDb);

    record Warehouse() implements ExportTablesSettings {
        @Override
        public <R> R match(Function<Warehouse, R> warehouse, Function<DynamoDb, R> dynamoDb) {
            return warehouse.apply(this);
        }
    }

    record DynamoDb(String table, Optional<URI> endpoint) implements ExportTablesSettings {
        @Override
        public <R> R match(Function<Warehouse, R> warehouse, Function<DynamoDb, R> dynamoDb) {
            return dynamoDb.apply(this);
        }
    }
}
