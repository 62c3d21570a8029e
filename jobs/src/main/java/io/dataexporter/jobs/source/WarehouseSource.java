package io.dataexporter.jobs.source;

import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Where the data is read from: runs a plan's warehouse query and returns its rows, lazily. */
public interface WarehouseSource {

    /** The warehouse schema of a {@code pm_internal} table, as Spark types. */
    StructType schema(String table);

    /** The SQL dialect the warehouse runs the plan's query in. */
    SqlDialect dialect();

    /** The rows of {@link TablePlan#warehouseQuery}; no Spark action is run. */
    Dataset<Row> read(TablePlan plan);

    /**
     * Called once a table's attempt is over, whatever its outcome (in a {@code finally}); releases what the read left
     * behind (temporary files).
     */
    default void finished(String table) {
    }
}
