package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.jobs.iceberg.IcebergPartitionWriter;
import io.dataexporter.jobs.iceberg.PartitionCommit;
import io.dataexporter.jobs.source.WarehouseSource;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** One attempt at one table for one day: plan, read, classify, write, commit. Labelled in the Spark UI by its table. */
public final class TableExporter {

    private final SparkSession spark;
    private final WarehouseSource source;
    private final String warehouseSchema;
    private final IcebergPartitionWriter writer;
    private final Optional<HashKey> hashKey;
    private final String root;

    /** @param root {@code s3a://bucket/env} (or {@code s3://} on AWS): the folders hang under it */
    public TableExporter(SparkSession spark, WarehouseSource source, String warehouseSchema, IcebergPartitionWriter writer,
                         Optional<HashKey> hashKey, String root) {
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
        return TablePlanner.plan(policy, warehouseSchema, table.tableName(), source.schema(table.tableName()),
                table.isSnapshot() ? Optional.empty() : Optional.of(day.window()), hashKey);
    }

    /** @param afterCommit runs once the new partition is committed and before the replaced files are removed */
    public TableExport export(PolicyRows policy, ExportTableRow table, ExportDay day, Runnable afterCommit) {
        // before any call: the name reaches the warehouse, the output folders and the cleanup of the UNLOAD folder
        TablePlanner.requireIdentifier(warehouseSchema, table.tableName());
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", table.tableName());
        spark.sparkContext().setJobGroup("export " + table.tableName(), "Data Exporter: " + table.tableName() + " for " + day, false);
        try {
            TablePlan plan = plan(policy, table, day);
            org.apache.spark.sql.Observation observation = WithheldCells.observation(table.tableName());
            Dataset<Row> rows = plan.transform(source.read(plan), observation);
            PartitionCommit commit = writer.replacePartition(table.tableName(), rows, day.date(), root + "/{date}/" + table.tableName(), afterCommit);
            return new TableExport(commit, plan.policyVersion(), plan.columnFates(), WithheldCells.await(observation, table.tableName()));
        } finally {
            source.finished(table.tableName());
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
    }
}
