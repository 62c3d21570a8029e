package io.dataexporter.jobs.export;

import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.jobs.iceberg.IcebergPartitionWriter;
import io.dataexporter.jobs.iceberg.PartitionCommit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Exports the policy that was applied, as it was read: the four classification tables go to
 * {@code YYYY/MM/DD/classifications/{table}/} and into Iceberg as {@code classification_{table}}.
 */
public final class ClassificationTablesExporter {

    public static final String ICEBERG_PREFIX = io.dataexporter.classification.policy.PolicyRows.POLICY_TABLE_PREFIX;

    private final SparkSession spark;
    private final IcebergPartitionWriter writer;
    private final String root;

    public ClassificationTablesExporter(SparkSession spark, IcebergPartitionWriter writer, String root) {
        this.spark = spark;
        this.writer = writer;
        this.root = root;
    }

    /** Commits all four; returns each table's commit by its warehouse name. */
    public Map<String, PartitionCommit> export(PolicyRows policy, ExportDay day, Runnable afterCommit) {
        spark.sparkContext().setJobGroup("export classifications", "Data Exporter: classification tables for " + day, false);
        try {
            Map<String, PartitionCommit> commits = new LinkedHashMap<>();
            tables(policy).forEach((name, rows) -> commits.put(name,
                    writer.replacePartition(ICEBERG_PREFIX + name, rows, day.date(), root + "/{date}/classifications/" + name, afterCommit)));
            return commits;
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private Map<String, Dataset<Row>> tables(PolicyRows policy) {
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put("export_tables", frame(policy.exportTables().stream().map(t -> RowFactory.create(t.tableName(), t.enabled(), t.timeColumn(),
                t.sourceColumn(), t.metricColumn(), t.valueColumns())).toList(),
                new StructType().add("table_name", DataTypes.StringType).add("enabled", DataTypes.BooleanType)
                        .add("time_column", DataTypes.StringType).add("source_column", DataTypes.StringType)
                        .add("metric_column", DataTypes.StringType).add("value_columns", DataTypes.StringType)));
        tables.put("data_column_classification", frame(policy.columnRules().stream().map(c -> RowFactory.create(c.tableName(), c.columnName(),
                c.classification(), c.treatment(), c.piiType())).toList(),
                schema("table_name", "column_name", "classification", "treatment", "pii_type")));
        tables.put("actual_data_classifications", frame(policy.sourceRules().stream().map(s -> RowFactory.create(s.source(), s.classification())).toList(),
                schema("source", "classification")));
        tables.put("long_table_data_classifications", frame(policy.metricRules().stream().map(m -> RowFactory.create(m.tableName(), m.metricName(),
                m.classification())).toList(), schema("table_name", "metric_name", "classification")));
        return tables;
    }

    private Dataset<Row> frame(List<Row> rows, StructType schema) {
        return spark.createDataFrame(rows, schema).coalesce(1);
    }

    private static StructType schema(String... columns) {
        StructType schema = new StructType();
        for (String column : columns) {
            schema = schema.add(column, DataTypes.StringType);
        }
        return schema;
    }
}
