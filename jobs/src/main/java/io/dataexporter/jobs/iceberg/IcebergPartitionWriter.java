package io.dataexporter.jobs.iceberg;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * Replaces one {@code export_date} partition of an Iceberg table in one commit, then removes what the commit replaced,
 * so that the partition's folder holds exactly the partition's files.
 *
 * <p>Order, so that a crash anywhere is harmless: new files are written beside the old ones (unique names) ->
 * the commit swaps them atomically -> {@code afterCommit} (the caller invalidates manifests naming old files) ->
 * older snapshots expire, deleting the replaced files -> any file in the folder that the partition does not hold
 * (left by a killed run) is removed.
 */
public final class IcebergPartitionWriter {

    public static final String PARTITION_COLUMN = "export_date";

    static final int METADATA_VERSIONS_KEPT = 10;

    private final SparkSession spark;
    private final IcebergCatalog catalog;

    private final long targetFileSizeBytes;

    public IcebergPartitionWriter(SparkSession spark, IcebergCatalog catalog, long targetFileSizeBytes) {
        this.spark = spark;
        this.catalog = catalog;
        this.targetFileSizeBytes = targetFileSizeBytes;
    }

    /**
     * @param folderTemplate the partition folder with a {@code {date}} placeholder, see {@link ExportLocationProvider}
     */
    public PartitionCommit replacePartition(String table, Dataset<Row> rows, LocalDate date, String folderTemplate, Runnable afterCommit) {
        String name = catalog.tableName(table);
        Dataset<Row> partition = IcebergTypes.compatible(rows).withColumn(PARTITION_COLUMN, lit(date));
        ensureTable(name, partition, folderTemplate);
        try {
            // Every row of an export has the same export_date: the table's default hash distribution would shuffle them all to
            // one writing task. Written as read instead: one writer per read partition, files rolled at the target size.
            partition.writeTo(name).option("mergeSchema", "true").option("distribution-mode", "none")
                    .option("target-file-size-bytes", String.valueOf(targetFileSizeBytes))
                    .overwrite(col(PARTITION_COLUMN).equalTo(lit(date)));
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException("Iceberg table " + name + " vanished during the export: " + e.getMessage(), e);
        }
        Table iceberg = load(name);
        afterCommit.run();
        Snapshot current = iceberg.currentSnapshot();
        iceberg.expireSnapshots().expireOlderThan(current.timestampMillis()).retainLast(1).commit();
        List<DataFileEntry> files = partitionFiles(iceberg, date);
        removeStrays(ExportLocationProvider.folder(folderTemplate, date), files);
        return new PartitionCommit(name, current.snapshotId(), files);
    }

    /** The files partition {@code date} holds in the table's current snapshot, sorted by path. */
    public List<DataFileEntry> partitionFiles(Table iceberg, LocalDate date) {
        List<DataFileEntry> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = iceberg.newScan().filter(Expressions.equal(PARTITION_COLUMN, date.toString())).planFiles()) {
            for (FileScanTask task : tasks) {
                files.add(new DataFileEntry(task.file().location(), task.file().recordCount(), task.file().fileSizeInBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the files of " + iceberg.name() + " partition " + date + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(DataFileEntry::path));
        return files;
    }

    public Table load(String name) {
        try {
            Table table = Spark3Util.loadIcebergTable(spark, name);
            table.refresh();
            return table;
        } catch (ParseException | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException("Cannot load Iceberg table " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the catalog's namespace (the Glue database) if it is missing. Called once, before tables are exported in
     * parallel: concurrent creations of the same namespace collide in the catalog.
     */
    public void ensureNamespace() {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog.namespace());
    }

    private void ensureTable(String name, Dataset<Row> partition, String folderTemplate) {
        spark.sql("CREATE TABLE IF NOT EXISTS " + name + " (" + partition.schema().toDDL() + ") USING iceberg"
                + " PARTITIONED BY (" + PARTITION_COLUMN + ") TBLPROPERTIES ("
                + "'format-version' = '2', "
                + "'write.parquet.compression-codec' = 'zstd', "
                + "'write.spark.accept-any-schema' = 'true', "
                + "'write.distribution-mode' = 'none', "
                // the export maintains its tables alone (Athena cannot write to them): old metadata files go with each commit
                + "'write.metadata.delete-after-commit.enabled' = 'true', "
                + "'write.metadata.previous-versions-max' = '" + METADATA_VERSIONS_KEPT + "', "
                + "'write.location-provider.impl' = '" + ExportLocationProvider.class.getName() + "', "
                + "'" + ExportLocationProvider.FOLDER_PROPERTY + "' = '" + folderTemplate.replace("'", "\\'") + "')");
    }

    private void removeStrays(String folder, List<DataFileEntry> keep) {
        Set<String> kept = new HashSet<>();
        keep.forEach(file -> kept.add(new Path(file.path()).getName()));
        Path path = new Path(folder);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                return;
            }
            for (FileStatus status : fs.listStatus(path)) {
                if (status.isFile() && !kept.contains(status.getPath().getName())) {
                    fs.delete(status.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the folder " + folder + " after the commit: " + e.getMessage(), e);
        }
    }
}
