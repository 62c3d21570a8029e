package io.dataexporter.jobs.iceberg;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;

/**
 * Makes a Dataset's types ones that Iceberg and Athena read: smallint and tinyint widen to int (char and varchar
 * already arrive as string). Timestamps stay timestamps: Iceberg writes them as INT64 microseconds, never INT96.
 */
public final class IcebergTypes {

    private IcebergTypes() {
    }

    public static Dataset<Row> compatible(Dataset<Row> rows) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            Column column = col(quoted(field.name()));
            boolean narrowInteger = field.dataType() instanceof ShortType || field.dataType() instanceof ByteType;
            columns.add(narrowInteger ? column.cast(DataTypes.IntegerType).as(field.name()) : column);
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
