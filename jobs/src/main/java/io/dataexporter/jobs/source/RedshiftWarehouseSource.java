package io.dataexporter.jobs.source;

import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads Redshift through the spark-redshift community connector that EMR ships, loaded by its data source name:
 * the plan's SQL (in the Redshift dialect, with the cell-level policy already applied) runs as an UNLOAD to Parquet
 * under a per-run, per-table temporary folder, encrypted with SSE-KMS when a key is configured, and removed when the
 * table's attempt is over, whatever its outcome. A lifecycle rule on the tempdir prefix removes what a killed run
 * leaves (see README: Running on EMR).
 *
 * <p>Timestamps: the warehouse's {@code timestamp} columns hold UTC and UNLOAD drops the zone of
 * {@code timestamptz}, so the values arrive as UTC wall-clock times; the session must be in UTC to keep them the
 * same instants, and this source refuses to run otherwise.
 */
public final class RedshiftWarehouseSource implements WarehouseSource {

    public static final String FORMAT = "io.github.spark_redshift_community.spark.redshift";

    private final SparkSession spark;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final String iamRole;
    private final String runTempdir;
    private final String region;
    private final Optional<String> sseKmsKey;
    private final Optional<String> jdbcDriver;

    /**
     * @param tempdir   the configured {@code redshift.tempdir}; this run uses {@code tempdir/runId/} under it
     * @param sseKmsKey  the KMS key of the tempdir bucket's default encryption, which UNLOAD's ENCRYPTED AUTO uses; empty when
     *                   {@code redshift.allow-unencrypted-tempdir} lets UNLOAD write with S3's own keys (SSE-S3)
     * @param jdbcDriver the driver class the connector loads; empty for the one the URL names
     */
    public RedshiftWarehouseSource(SparkSession spark, String url, String user, String password, String schema,
                                   String iamRole, String tempdir, String runId, String region, Optional<String> sseKmsKey,
                                   Optional<String> jdbcDriver) {
        this.spark = spark;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.iamRole = iamRole;
        this.runTempdir = stripSlash(tempdir) + "/" + runId;
        this.region = region;
        this.sseKmsKey = sseKmsKey;
        this.jdbcDriver = jdbcDriver;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.REDSHIFT;
    }

    @Override
    public StructType schema(String table) {
        return reader(options("SELECT * FROM \"" + schema + "\".\"" + table.replace("\"", "\"\"") + "\" WHERE 1 = 0", table)).load().schema();
    }

    @Override
    public Dataset<Row> read(TablePlan plan) {
        String timeZone = spark.conf().get("spark.sql.session.timeZone");
        if (!"UTC".equals(timeZone)) {
            throw new IllegalStateException("Cannot read Redshift with spark.sql.session.timeZone=" + timeZone
                    + ": UNLOAD drops timestamp zones and the values are UTC; set spark.sql.session.timeZone=UTC");
        }
        return reader(options(plan.warehouseQuery(SqlDialect.REDSHIFT), plan.table())).load();
    }

    /**
     * Removes the table's UNLOAD folder, and nothing else: only a folder strictly under this run's own prefix, its path
     * normalized first. A name that is not an identifier never had a folder (nothing runs before its check).
     */
    @Override
    public void finished(String table) {
        if (!TablePlanner.isIdentifier(table)) {
            return;
        }
        Path folder = new Path(tempdir(table));
        String run = java.net.URI.create(runTempdir + "/").normalize().toString();
        String target = folder.toUri().normalize().toString();
        if (!target.startsWith(run) || target.length() <= run.length()) {
            throw new IllegalStateException("Refusing to remove " + target + ": it is not strictly under this run's UNLOAD folder " + run);
        }
        try {
            org.apache.hadoop.fs.FileSystem fileSystem = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fileSystem.delete(folder, true);
            // the run's folder goes once its last table's is gone (S3A leaves a marker object for it); while another table
            // of the run still has files there, this refuses, and that table's own cleanup removes it
            try {
                fileSystem.delete(new Path(runTempdir), false);
            } catch (org.apache.hadoop.fs.PathIsNotEmptyDirectoryException stillInUse) {
                // another table of this run is still reading
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the UNLOAD folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The connector options for one query. Pure. */
    public Map<String, String> options(String query, String table) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("url", url);
        options.put("user", user);
        options.put("password", password);
        options.put("query", query);
        options.put("tempdir", tempdir(table));
        options.put("tempdir_region", region);
        options.put("aws_iam_role", iamRole);
        options.put("unload_s3_format", "PARQUET");
        // SSE-KMS by the form Redshift documents for this statement. The connector (6.6.1, buildUnloadStmt) always writes
        // WITH CREDENTIALS 'aws_iam_role=...', and with its sse_kms_key adds KMS_KEY_ID '...' ENCRYPTED, which Redshift refuses
        // ("You can't use the CREDENTIALS parameter with the KMS_KEY_ID parameter", Database Developer Guide, UNLOAD). ENCRYPTED
        // AUTO, added through extraunloadoptions, encrypts with the tempdir bucket's default KMS key (the same page), which
        // the deployment sets to this key and requires of every object by the bucket's policy (README: Deploy on AWS).
        sseKmsKey.ifPresent(key -> options.put("extraunloadoptions", "ENCRYPTED AUTO"));
        jdbcDriver.ifPresent(driver -> options.put("jdbcdriver", driver));
        // The plan's SQL is already the pushed-down query; the connector must run it as is.
        options.put("autopushdown", "false");
        // The export removes its own UNLOAD folder after each table (a lifecycle rule is the backstop, README: Deploy on
        // AWS); the connector's own check would read the bucket's lifecycle configuration, which the job role is not granted.
        options.put("check_s3_bucket_usage", "false");
        return options;
    }

    String tempdir(String table) {
        if (!TablePlanner.isIdentifier(table)) {
            throw new IllegalArgumentException("Table name '" + table + "' is not an identifier; it cannot name an UNLOAD folder");
        }
        return runTempdir + "/" + table + "/";
    }

    private DataFrameReader reader(Map<String, String> options) {
        DataFrameReader reader = spark.read().format(FORMAT);
        options.forEach(reader::option);
        return reader;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
