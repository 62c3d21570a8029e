package io.dataexporter.localstack.seed;

import io.dataexporter.common.control.ControlMigrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Creates the synthetic {@code pm_internal} schema, the policy tables in {@code de_config} and the empty
 * control tables in {@code de_internal} (dropped, then created by the control database's migrations). The rows are
 * generated inside PostgreSQL ({@code INSERT ... SELECT} over {@code generate_series}, values from a seeded hash), so
 * ten million rows take seconds.
 */
public final class SyntheticWarehouse {

    public static final List<String> TABLES = List.of("way", "way_speed", "cctv_event", "metrics_long", "incident");
    private static final List<String> SCRIPTS = List.of("schemas.sql", "pm_internal.sql", "policy.sql");

    private SyntheticWarehouse() {
    }

    /** (Re)creates everything and returns each {@code pm_internal} table with its row count. */
    public static Map<String, Long> seed(Connection connection, SeedOptions options) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String script : SCRIPTS) {
                statement.execute(render(load(script), options));
            }
            compressWayGeometries(connection);
            statement.execute("ALTER TABLE pm_internal.way DROP COLUMN geoj_way_feature");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        ControlMigrations.migrate(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        return rowCounts(connection);
    }

    /** Each {@code pm_internal} table with its row count, in a stable order. */
    public static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        String sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'pm_internal' ORDER BY table_name";
        try (Statement statement = connection.createStatement(); ResultSet tables = statement.executeQuery(sql)) {
            while (tables.next()) {
                counts.put(tables.getString(1), null);
            }
        }
        for (String table : counts.keySet()) {
            try (Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM pm_internal.\"" + table.replace("\"", "\"\"") + "\"")) {
                count.next();
                counts.put(table, count.getLong(1));
            }
        }
        return counts;
    }

    /** GZIP + base64 of a text, as Batch Ingestion stores long geometries in {@code *_compressed} columns. */
    public static String gzipBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    // PostgreSQL has no gzip, so the compressed twin is computed here; `way` is small (at most 10,000 rows).
    private static void compressWayGeometries(Connection connection) throws SQLException {
        String select = "SELECT way_id, geoj_way_feature FROM pm_internal.way ORDER BY way_id";
        String update = "UPDATE pm_internal.way SET geoj_way_feature_compressed = ? WHERE way_id = ?";
        try (Statement read = connection.createStatement(); PreparedStatement write = connection.prepareStatement(update)) {
            read.setFetchSize(1_000);
            try (ResultSet ways = read.executeQuery(select)) {
                int pending = 0;
                while (ways.next()) {
                    write.setString(1, gzipBase64(ways.getString(2)));
                    write.setLong(2, ways.getLong(1));
                    write.addBatch();
                    if (++pending == 1_000) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                write.executeBatch();
            }
        }
    }

    static String render(String script, SeedOptions options) {
        long start = options.start().getEpochSecond();
        long span = options.end().getEpochSecond() - start;
        return script
                .replace("${seed}", Long.toString(options.seed()))
                .replace("${start}", Long.toString(start))
                .replace("${span}", Long.toString(span))
                .replace("${rows}", Long.toString(options.rows()))
                .replace("${cctv_events}", Long.toString(options.cctvEvents()))
                .replace("${incidents}", Long.toString(options.incidents()))
                .replace("${ways}", Long.toString(options.ways()));
    }

    private static String load(String script) {
        try (InputStream in = SyntheticWarehouse.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("Seed script " + script + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
