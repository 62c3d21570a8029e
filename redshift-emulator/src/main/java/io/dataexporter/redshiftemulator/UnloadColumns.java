package io.dataexporter.redshiftemulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** The Parquet type UNLOAD writes for each warehouse column type, and how one cell is copied into a row group. */
final class UnloadColumns {

    private UnloadColumns() {
    }

    /** One result column: its Parquet type and how a cell is copied into a row group. */
    record Column(PrimitiveType type, CellCopier copier) {
        void copy(ResultSet result, int index, Group group, int field) throws SQLException {
            copier.copy(result, index, group, field);
        }
    }

    @FunctionalInterface
    interface CellCopier {
        void copy(ResultSet result, int index, Group group, int field) throws SQLException;
    }

    static List<Column> of(ResultSetMetaData metadata) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            columns.add(column(metadata.getColumnLabel(i), metadata.getColumnTypeName(i), metadata.getPrecision(i), metadata.getScale(i)));
        }
        return columns;
    }

    /** The Parquet type Redshift's UNLOAD writes for a column of warehouse type {@code typeName}. */
    static Column column(String name, String typeName, int precision, int scale) throws SQLException {
        return switch (typeName) {
            case "int2" -> new Column(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(name),
                    (r, i, g, f) -> {
                        short v = r.getShort(i);
                        if (!r.wasNull()) {
                            g.add(f, (int) v);
                        }
                    });
            case "int4" -> new Column(Types.optional(PrimitiveTypeName.INT32).named(name), (r, i, g, f) -> {
                int v = r.getInt(i);
                if (!r.wasNull()) {
                    g.add(f, v);
                }
            });
            case "int8" -> new Column(Types.optional(PrimitiveTypeName.INT64).named(name), (r, i, g, f) -> {
                long v = r.getLong(i);
                if (!r.wasNull()) {
                    g.add(f, v);
                }
            });
            case "float4" -> new Column(Types.optional(PrimitiveTypeName.FLOAT).named(name), (r, i, g, f) -> {
                float v = r.getFloat(i);
                if (!r.wasNull()) {
                    g.add(f, v);
                }
            });
            case "float8" -> new Column(Types.optional(PrimitiveTypeName.DOUBLE).named(name), (r, i, g, f) -> {
                double v = r.getDouble(i);
                if (!r.wasNull()) {
                    g.add(f, v);
                }
            });
            case "bool" -> new Column(Types.optional(PrimitiveTypeName.BOOLEAN).named(name), (r, i, g, f) -> {
                boolean v = r.getBoolean(i);
                if (!r.wasNull()) {
                    g.add(f, v);
                }
            });
            case "numeric" -> decimal(name, precision, scale);
            case "date" -> new Column(Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name), (r, i, g, f) -> {
                LocalDate v = r.getObject(i, LocalDate.class);
                if (v != null) {
                    g.add(f, (int) v.toEpochDay());
                }
            });
            case "timestamp" -> new Column(Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name), (r, i, g, f) -> {
                LocalDateTime v = r.getObject(i, LocalDateTime.class);
                if (v != null) {
                    g.add(f, ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), v));
                }
            });
            case "timestamptz" -> new Column(Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name), (r, i, g, f) -> {
                OffsetDateTime v = r.getObject(i, OffsetDateTime.class);
                if (v != null) {
                    g.add(f, ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), v));
                }
            });
            case "text", "varchar", "bpchar", "char", "name" -> new Column(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(name), (r, i, g, f) -> {
                String v = r.getString(i);
                if (v != null) {
                    g.add(f, Binary.fromString(v));
                }
            });
            case "bytea" -> new Column(Types.optional(PrimitiveTypeName.BINARY).named(name), (r, i, g, f) -> {
                byte[] v = r.getBytes(i);
                if (v != null) {
                    g.add(f, Binary.fromConstantByteArray(v));
                }
            });
            default -> throw RedshiftErrors.unsupported("Column \"" + name + "\" has type " + typeName + ", which UNLOAD to PARQUET does not"
                    + " support in the emulated warehouse; CAST it to a Redshift type");
        };
    }

    /** numeric(p, s): INT64 up to 18 digits, else a 16-byte FIXED_LEN_BYTE_ARRAY; a numeric without precision has no Redshift type. */
    private static Column decimal(String name, int precision, int scale) throws SQLException {
        if (precision < 1 || precision > 38) {
            throw RedshiftErrors.unsupported("Column \"" + name + "\" is a numeric without a precision of 1 to 38, which Redshift does not have;"
                    + " CAST it to numeric(p, s)");
        }
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(scale, precision);
        if (precision <= 18) {
            return new Column(Types.optional(PrimitiveTypeName.INT64).as(annotation).named(name), (r, i, g, f) -> {
                BigDecimal v = r.getBigDecimal(i);
                if (v != null) {
                    g.add(f, v.setScale(scale).unscaledValue().longValueExact());
                }
            });
        }
        return new Column(Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(annotation).named(name), (r, i, g, f) -> {
            BigDecimal v = r.getBigDecimal(i);
            if (v != null) {
                g.add(f, Binary.fromConstantByteArray(sixteenBytes(v.setScale(scale).unscaledValue())));
            }
        });
    }

    private static byte[] sixteenBytes(BigInteger value) {
        byte[] minimal = value.toByteArray();
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, 0, 16 - minimal.length, (byte) (value.signum() < 0 ? 0xff : 0));
        System.arraycopy(minimal, 0, bytes, 16 - minimal.length, minimal.length);
        return bytes;
    }

}
