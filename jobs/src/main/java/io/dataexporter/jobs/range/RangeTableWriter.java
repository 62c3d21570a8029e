package io.dataexporter.jobs.range;

import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.common.range.RangeLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes one table of a range export into its request folder: Parquet into {@code _staging/}, renamed to
 * {@code {table}_000.parquet, ...}, then the {@code manifest}, last. The folder is emptied first, so a relaunch of the
 * same request never mixes files of two runs.
 */
public final class RangeTableWriter {

    private final Configuration hadoop;
    private final String bucketRoot;

    /** @param bucketRoot {@code s3a://bucket} (the scheme Spark writes with); manifests name {@code s3://} URLs */
    public RangeTableWriter(Configuration hadoop, String bucketRoot) {
        this.hadoop = hadoop;
        this.bucketRoot = bucketRoot;
    }

    /**
     * Writes the rows of {@code plan}'s table; the manifest records the plan's policy version, column fates and the cells
     * withheld, as counted under the metrics name {@code countedAs} while the rows were written.
     */
    public List<RangeFile> write(TablePlan plan, String folderKey, Dataset<Row> rows, String countedAs,
                                 io.dataexporter.jobs.governance.PolicyScan.Report scan) {
        String table = plan.table();
        Path folder = new Path(bucketRoot + "/" + folderKey);
        Path staging = new Path(folder, "_staging");
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            fs.delete(folder, true);
            rows.write().option("compression", "snappy").parquet(staging.toString());
            FileStatus[] parts = fs.listStatus(staging, path -> path.getName().endsWith(".parquet"));
            Arrays.sort(parts, Comparator.comparing(status -> status.getPath().getName()));
            List<RangeFile> files = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                Path target = new Path(folder, RangeLayout.fileName(table, i));
                if (!fs.rename(parts[i].getPath(), target)) {
                    throw new IOException("rename of " + parts[i].getPath() + " to " + target + " failed");
                }
                files.add(new RangeFile(target.toString().replaceFirst("^s3a://", "s3://"), fs.getFileStatus(target).getLen(), rowCount(target)));
            }
            fs.delete(staging, true);
            try (OutputStream out = fs.create(new Path(folder, RangeLayout.MANIFEST), true)) {
                out.write(RedshiftManifest.json(files, rows.schema(), plan.policyVersion(), plan.columnFates(),
                        io.dataexporter.jobs.export.WithheldCells.await(countedAs, table), scan).getBytes(StandardCharsets.UTF_8));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + table + " to " + folder + ": " + e.getMessage(), e);
        }
    }

    private long rowCount(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, hadoop))) {
            return reader.getRecordCount();
        }
    }
}
