package io.dataexporter.jobs.source;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import io.dataexporter.jobs.config.JdbcTarget;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the warehouse over Spark JDBC (PostgreSQL locally), running the plan's generated SQL. A windowed table is
 * read in parallel: Spark splits the window on the time column into {@code partitions} ranges, each one query. Each
 * session runs in UTC, so that the warehouse-side TRUNCATE and YEAR_ONLY of {@code timestamptz} columns cut UTC days.
 */
public final class JdbcWarehouseSource implements WarehouseSource {

    static final int FETCH_SIZE = 10_000;
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SparkSession spark;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final int partitions;
    private final Map<String, String> connectionProperties;

    public JdbcWarehouseSource(SparkSession spark, String url, String user, String password, String schema) {
        this(spark, url, user, password, schema, 1);
    }

    public JdbcWarehouseSource(SparkSession spark, String url, String user, String password, String schema, int partitions) {
        this(spark, new JdbcTarget(url, user, password), schema, partitions);
    }

    /** The warehouse with its timeouts: Spark's JDBC source hands {@link JdbcTarget#timeoutProperties()} to the driver of every read. */
    public JdbcWarehouseSource(SparkSession spark, JdbcTarget warehouse, String schema, int partitions) {
        String url = warehouse.url();
        String user = warehouse.user();
        String password = warehouse.password();
        if (partitions < 1) {
            throw new IllegalArgumentException("JDBC partitions must be at least 1, got " + partitions);
        }
        this.spark = spark;
        this.url = url;
        this.user = user;
        this.password = password == null ? "" : password;
        this.schema = schema;
        this.partitions = partitions;
        this.connectionProperties = warehouse.timeoutProperties();
    }

    @Override
    public StructType schema(String table) {
        return reader().option("query", "SELECT * FROM \"" + schema + "\".\"" + table.replace("\"", "\"\"") + "\" WHERE 1 = 0").load().schema();
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public Dataset<Row> read(TablePlan plan) {
        DataFrameReader reader = reader();
        readOptions(plan, partitions).forEach(reader::option);
        return reader.load();
    }

    /** The read options of a plan: one query, or the query split on its time column over the window. Pure. */
    static Map<String, String> readOptions(TablePlan plan, int partitions) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("fetchsize", String.valueOf(FETCH_SIZE));
        options.put("sessionInitStatement", "SET TIME ZONE 'UTC'");
        // pgjdbc then asks for numbers and timestamps in binary from the first execution, instead of as text to parse
        options.put("prepareThreshold", "-1");
        String query = plan.warehouseQuery(SqlDialect.POSTGRESQL);
        if (partitions == 1 || !plan.returnsTimeColumn() || plan.window().isEmpty()) {
            options.put("query", query);
            return options;
        }
        ExportWindow window = plan.window().get();
        options.put("dbtable", "(" + query + ") AS de_rows");
        options.put("partitionColumn", plan.timeColumn().get());
        options.put("lowerBound", BOUND.format(window.start()));
        options.put("upperBound", BOUND.format(window.end()));
        options.put("numPartitions", String.valueOf(partitions));
        return options;
    }

    private DataFrameReader reader() {
        DataFrameReader reader = spark.read().format("jdbc").option("url", url).option("user", user).option("password", password)
                .option("driver", "org.postgresql.Driver");
        connectionProperties.forEach(reader::option);
        return reader;
    }
}
