package io.dataexporter.cli.bench;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.jobs.config.HashPepper;
import io.dataexporter.jobs.policy.JdbcPolicyLoader;
import io.dataexporter.jobs.source.JdbcWarehouseSource;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;

/**
 * The parts of the export measured apart, on the plan the export itself makes for the bench table: the warehouse's
 * side alone (COPY of the export's own query), the read alone and the read with the policy's transform, each into
 * Spark's no-op sink, so that what remains of the export's time is the write.
 */
final class Breakdown {

    private final Connection connection;
    private final TablePlan plan;
    private final JdbcWarehouseSource source;

    Breakdown(SparkSession spark, Connection connection, StackEndpoints endpoints, Path stackDirectory, Instant start, Instant end) throws Exception {
        this.connection = connection;
        // the same partitions as the export's JDBC read (warehouse.jdbc.partitions)
        this.source = new JdbcWarehouseSource(spark, endpoints.jdbcUrl(), endpoints.user(), endpoints.password(), "pm_internal",
                Integer.parseInt(io.dataexporter.jobs.config.Settings.JDBC_PARTITIONS.defaultValue()));
        this.plan = TablePlanner.plan(new JdbcPolicyLoader("de_config").load(connection), "pm_internal", BenchTable.TABLE,
                source.schema(BenchTable.TABLE), Optional.of(new ExportWindow(start, end)), HashPepper.resolve(System.getenv(), stackDirectory));
    }

    /** The export's warehouse query (its CASEs, ROUNDs and metric filter), as one COPY to a discarding stream. */
    long warehouseSide() throws Exception {
        long begin = System.nanoTime();
        connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + plan.warehouseQuery(SqlDialect.POSTGRESQL) + ") TO STDOUT",
                OutputStream.nullOutputStream());
        return System.nanoTime() - begin;
    }

    /** The export's JDBC read, its rows into the no-op sink. */
    long read() {
        long begin = System.nanoTime();
        source.read(plan).write().format("noop").mode("overwrite").save();
        return System.nanoTime() - begin;
    }

    /** The read and the policy's transform (treatments, scrubbing, keyed hash), into the no-op sink. */
    long readAndTransform() {
        long begin = System.nanoTime();
        plan.transform(source.read(plan)).write().format("noop").mode("overwrite").save();
        return System.nanoTime() - begin;
    }
}
