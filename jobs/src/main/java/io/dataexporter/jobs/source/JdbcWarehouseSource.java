package io.dataexporter.jobs.source;

import io.dataexporter.classification.plan.TablePlan;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Reads the warehouse over Spark JDBC (PostgreSQL locally), running the plan's generated SQL. */
public final class JdbcWarehouseSource implements WarehouseSource {

    static final int FETCH_SIZE = 10_000;

    private final SparkSession spark;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    public JdbcWarehouseSource(SparkSession spark, String url, String user, String password, String schema) {
        this.spark = spark;
        this.url = url;
        this.user = user;
        this.password = password == null ? "" : password;
        this.schema = schema;
    }

    @Override
    public StructType schema(String table) {
        return reader().option("query", "SELECT * FROM \"" + schema + "\".\"" + table.replace("\"", "\"\"") + "\" WHERE 1 = 0").load().schema();
    }

    @Override
    public Dataset<Row> read(TablePlan plan) {
        return reader().option("query", plan.warehouseQuery()).option("fetchsize", FETCH_SIZE).load();
    }

    private DataFrameReader reader() {
        return spark.read().format("jdbc").option("url", url).option("user", user).option("password", password)
                .option("driver", "org.postgresql.Driver");
    }
}
