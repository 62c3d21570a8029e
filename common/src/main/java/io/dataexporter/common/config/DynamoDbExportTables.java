package io.dataexporter.common.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The export config ({@code export_tables} rows) kept in DynamoDB instead of the warehouse: one item per table,
 * keyed by {@code table_name}, with {@code enabled} (BOOL) and the optional strings {@code time_column},
 * {@code source_column}, {@code metric_column} and {@code value_columns}.
 */
public final class DynamoDbExportTables {

    /** One item: an {@code export_tables} row as DynamoDB holds it. */
    public record ExportTableItem(String tableName, boolean enabled, String timeColumn, String sourceColumn, String metricColumn,
                                  String valueColumns) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbExportTables(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Every row, sorted by table name; an item that is not a valid row is an error naming the item. */
    public List<ExportTableItem> load() {
        List<ExportTableItem> rows = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanResponse page = dynamoDb.scan(ScanRequest.builder().tableName(tableName).exclusiveStartKey(startKey).consistentRead(true).build());
            page.items().forEach(item -> rows.add(row(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        rows.sort(Comparator.comparing(ExportTableItem::tableName));
        return rows;
    }

    private ExportTableItem row(Map<String, AttributeValue> item) {
        AttributeValue name = item.get("table_name");
        if (name == null || name.s() == null || name.s().isBlank()) {
            throw new IllegalArgumentException("DynamoDB table " + tableName + " has an item without a string table_name: " + item.keySet()
                    + "; every item needs table_name (S) and enabled (BOOL)");
        }
        AttributeValue enabled = item.get("enabled");
        if (enabled == null || enabled.bool() == null) {
            throw new IllegalArgumentException("DynamoDB table " + tableName + " item '" + name.s() + "' has no boolean 'enabled'; set enabled (BOOL) to true or false");
        }
        return new ExportTableItem(name.s(), enabled.bool(), string(item, "time_column"), string(item, "source_column"),
                string(item, "metric_column"), string(item, "value_columns"));
    }

    private static String string(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }
}
