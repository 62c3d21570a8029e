package io.dataexporter.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.common.config.DynamoDbExportTables.ExportTableItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The export config in DynamoDB, as each DynamoDB the tests run against answers it (DynamoDB Local, moto). */
abstract class DynamoDbExportTablesContract {

    static DynamoDbClient dynamoDb;

    @Test
    void load_readsEveryItemAsAnExportTablesRow_sortedByName() {
        createTable("export_tables_ok");
        put("export_tables_ok", Map.of("table_name", s("way_speed"), "enabled", b(true), "time_column", s("ts"), "source_column", s("source")));
        put("export_tables_ok", Map.of("table_name", s("metrics_long"), "enabled", b(true), "time_column", s("ts"), "source_column", s("source"),
                "metric_column", s("metric_name"), "value_columns", s("value")));
        put("export_tables_ok", Map.of("table_name", s("way_archive"), "enabled", b(false)));

        List<ExportTableItem> rows = new DynamoDbExportTables(dynamoDb, "export_tables_ok").load();

        assertThat(rows).containsExactly(
                new ExportTableItem("metrics_long", true, "ts", "source", "metric_name", "value"),
                new ExportTableItem("way_archive", false, null, null, null, null),
                new ExportTableItem("way_speed", true, "ts", "source", null, null));
    }

    @Test
    void load_whenAnItemLacksEnabled_namesTheItemAndTheFix() {
        createTable("export_tables_bad");
        put("export_tables_bad", Map.of("table_name", s("incident"), "enabled", s("yes")));

        assertThatThrownBy(() -> new DynamoDbExportTables(dynamoDb, "export_tables_bad").load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DynamoDB table export_tables_bad item 'incident' has no boolean 'enabled'; set enabled (BOOL) to true or false");
    }

    private static void createTable(String name) {
        dynamoDb.createTable(builder -> builder.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("table_name").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("table_name").keyType(KeyType.HASH).build()));
    }

    private static void put(String table, Map<String, AttributeValue> item) {
        dynamoDb.putItem(builder -> builder.tableName(table).item(item));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue b(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }
}
