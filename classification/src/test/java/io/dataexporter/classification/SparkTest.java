package io.dataexporter.classification;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the DataFrame tests: spark-testing-base's DataFrame equality over the one shared local[2]
 * SparkSession of the test JVM (UI off, UTC).
 */
public abstract class SparkTest extends JavaDataFrameSuiteBase {

    static {
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.sql.session.timeZone", "UTC");
        System.setProperty("spark.sql.shuffle.partitions", "2");
        System.setProperty("spark.driver.host", "127.0.0.1");
    }

    @Override
    public boolean enableHiveSupport() {
        return false;
    }

    @BeforeEach
    void startSpark() {
        runBefore();
    }

    /** spark-testing-base's equality: same schema, same rows in the same order. */
    protected void assertFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
        assertDataFrameEquals(expected, actual, assertDataFrameEquals$default$3());
    }

    protected Dataset<Row> rows(StructType schema, Object[]... values) {
        List<Row> rows = java.util.Arrays.stream(values).map(RowFactory::create).toList();
        return spark().createDataFrame(rows, schema);
    }
}
