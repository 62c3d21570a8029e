package io.dataexporter.jobs.export;

import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.jobs.config.JdbcTarget;
import io.dataexporter.jobs.iceberg.IcebergPartitionWriter;
import io.dataexporter.jobs.iceberg.PartitionCommit;
import io.dataexporter.jobs.governance.PolicyScan;
import io.dataexporter.jobs.source.WarehouseSource;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** One attempt at one table for one day: plan, read, classify, write, commit. Labelled in the Spark UI by its table. */
public final class TableExporter {

    private final SparkSession spark;
    private final WarehouseSource source;
    private final String warehouseSchema;
    private final IcebergPartitionWriter writer;
    private final Optional<HashKey> hashKey;
    private final String root;
    private final JdbcTarget warehouse;
    private final PolicyScan.Settings governance;

    /**
     * @param root       {@code s3a://bucket/env} (or {@code s3://} on AWS): the folders hang under it
     * @param warehouse  the warehouse over JDBC, for the governance scan's own small queries
     * @param governance what the scan samples
     */
    public TableExporter(SparkSession spark, WarehouseSource source, String warehouseSchema, IcebergPartitionWriter writer,
                         Optional<HashKey> hashKey, String root, JdbcTarget warehouse,
                         PolicyScan.Settings governance) {
        this.warehouse = warehouse;
        this.governance = governance;
        this.spark = spark;
        this.source = source;
        this.warehouseSchema = warehouseSchema;
        this.writer = writer;
        this.hashKey = hashKey;
        this.root = root;
    }

    /** The dialect of the warehouse query this exporter's source runs. */
    public SqlDialect dialect() {
        return source.dialect();
    }

    public TablePlan plan(PolicyRows policy, ExportTableRow table, ExportDay day) {
        TablePlanner.requireIdentifier(warehouseSchema, table.tableName());
        return plan(policy, table, day, source.schema(table.tableName()));
    }

    private TablePlan plan(PolicyRows policy, ExportTableRow table, ExportDay day, StructType schema) {
        return TablePlanner.plan(policy, warehouseSchema, table.tableName(), schema, table.isSnapshot() ? Optional.empty() : Optional.of(day.window()),
                hashKey);
    }

    /** @param afterCommit runs once the new partition is committed and before the replaced files are removed */
    public TableExport export(PolicyRows policy, ExportTableRow table, ExportDay day, Runnable afterCommit) {
        // before any call: the name reaches the warehouse, the output folders and the cleanup of the UNLOAD folder
        TablePlanner.requireIdentifier(warehouseSchema, table.tableName());
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", table.tableName());
        spark.sparkContext().setJobGroup("export " + table.tableName(), "Data Exporter: " + table.tableName() + " for " + day, false);
        try {
            StructType schema = source.schema(table.tableName());
            PolicyScan.Governed governed = PolicyScan.govern(warehouse, policy, rows -> plan(rows, table, day, schema), schema, source.dialect(),
                    governance);
            TablePlan plan = governed.plan();
            PolicyScan.Report scan = governed.report();
            String counted = WithheldCells.metricsName(spark, table.tableName());
            try {
                Dataset<Row> rows = plan.transform(source.read(plan), counted);
                PartitionCommit commit = writer.replacePartition(table.tableName(), rows, day.date(), root + "/{date}/" + table.tableName(), afterCommit);
                return new TableExport(commit, plan.policyVersion(), plan.columnFates(), WithheldCells.await(counted, table.tableName()), scan);
            } finally {
                WithheldCells.discard(counted);
            }
        } finally {
            source.finished(table.tableName());
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
    }
}
