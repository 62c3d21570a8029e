package io.dataexporter.cli.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The benchmark's wide time-series table, generated inside PostgreSQL: {@code pm_internal.bench_wide}, 20 columns
 * (numbers, timestamps, text, free text with PII, a source column), spread over one Melbourne day, with a policy that
 * uses HASH, ROUND, mx by source, masking, free-text scrubbing and withheld columns.
 */
final class BenchTable {

    static final String TABLE = "bench_wide";

    private BenchTable() {
    }

    static void create(Connection connection, long rows, Instant start, Instant end) throws SQLException {
        long span = end.getEpochSecond() - start.getEpochSecond();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS pm_internal." + TABLE);
            statement.execute("CREATE TABLE pm_internal." + TABLE + " (ts timestamptz NOT NULL, id bigint NOT NULL, way_id bigint, source text,"
                    + " speed double precision, travel double precision, sample_count integer, lat double precision, lon double precision,"
                    + " plate text, device text, operator text, notes text, status text, lane smallint, created date, secret text,"
                    + " internal_ref text, metric double precision, flag boolean)");
            statement.execute("INSERT INTO pm_internal." + TABLE + " SELECT to_timestamp(" + start.getEpochSecond() + " + (i - 1) * " + span + "::numeric / "
                    + rows + "), i, i % 100000,"
                    + " (ARRAY['FUSION', 'FUSION', 'FUSION', 'HERE', 'TOMTOM', NULL])[1 + i % 6], 20 + (i % 9000) / 100.0, 30 + (i % 7000) / 10.0,"
                    + " (i % 50)::int, -37.8 + (i % 1000) / 10000.0, 144.9 + (i % 1000) / 10000.0,"
                    + " 'ABC' || lpad((i % 1000)::text, 3, '0'), 'SN-' || lpad((i % 100000)::text, 8, '0'),"
                    + " (ARRAY['Alice Nguyen', 'Bob Smith', 'Chen Wei', 'Dana Lee'])[1 + i % 4],"
                    + " CASE WHEN i % 10 = 0 THEN 'Caller on 0412 345 ' || lpad((i % 1000)::text, 3, '0') || ' reported debris near exit ' || (i % 40)"
                    + "      WHEN i % 10 = 1 THEN 'Mail ops' || (i % 100) || '@roads.example.com about lane ' || (i % 4)"
                    + "      ELSE 'Lane ' || (i % 4) || ' closed until ' || (i % 24) || ':00, queue ' || (i % 900) || ' m' END,"
                    + " (ARRAY['open', 'closed', 'degraded'])[1 + i % 3], (i % 4)::smallint, DATE '2000-01-01' + (i % 9000)::int,"
                    + " 'secret-' || i, 'ref-' || i, (i % 1000) / 7.0, i % 2 = 0"
                    + " FROM generate_series(1, " + rows + "::bigint) AS i");
            // as a warehouse table is when it is exported: not freshly loaded (the first read of new rows also writes them)
            statement.execute("VACUUM (ANALYZE) pm_internal." + TABLE);
            statement.execute("DELETE FROM de_config.export_tables WHERE table_name = '" + TABLE + "'");
            statement.execute("INSERT INTO de_config.export_tables VALUES ('" + TABLE + "', true, 'ts', 'source', NULL, NULL)");
        }
        policy(connection, "");
    }

    /** A treatment the breakdown takes out: its label, and which of the bench table's rules become nr without it. */
    record Treatment(String label, String rules) {
    }

    /**
     * The treatments the breakdown takes out one at a time, by the name {@code --treatments} gives (the rest of the
     * policy unchanged); "all" leaves every column that is not de in clear.
     */
    static final java.util.Map<String, Treatment> WITHOUT = java.util.Map.of(
            "hash", new Treatment("HASH", "column_name = 'plate'"),
            "masking", new Treatment("masking (SHOW_LAST_4, REDACT)", "column_name IN ('device', 'operator')"),
            "scrubbing", new Treatment("scrubbing (FREE_TEXT)", "column_name = 'notes'"),
            "round", new Treatment("ROUND", "column_name IN ('lat', 'lon')"),
            "mx", new Treatment("mx CASEs (speed, travel)", "column_name IN ('speed', 'travel')"),
            "all", new Treatment("all treatments", "classification <> 'de'"));

    /** The names of {@link #WITHOUT} in the order the breakdown prints them. */
    static final java.util.List<String> TREATMENTS = java.util.List.of("hash", "masking", "scrubbing", "round", "mx", "all");

    /**
     * Writes the bench table's rules; with {@code without} one name of {@link #WITHOUT}, the rules it names become nr
     * without treatment or pii_type.
     */
    static void policy(Connection connection, String without) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM de_config.data_column_classification WHERE table_name = '" + TABLE + "'");
            statement.execute("INSERT INTO de_config.data_column_classification VALUES"
                    + " ('bench_wide', 'ts', 'nr', NULL, NULL), ('bench_wide', 'id', 'nr', NULL, NULL), ('bench_wide', 'way_id', 'nr', NULL, NULL),"
                    + " ('bench_wide', 'source', 'nr', NULL, NULL), ('bench_wide', 'speed', 'mx', 'ROUND(0)', NULL),"
                    + " ('bench_wide', 'travel', 'mx', 'NULLIFY', NULL), ('bench_wide', 'sample_count', 'nr', NULL, NULL),"
                    + " ('bench_wide', 'lat', 'hwc', 'ROUND(3)', NULL), ('bench_wide', 'lon', 'hwc', 'ROUND(3)', NULL),"
                    + " ('bench_wide', 'plate', 'hwc', 'HASH', 'PLATE'), ('bench_wide', 'device', 'hwc', 'SHOW_LAST_4', 'DEVICE_ID'),"
                    + " ('bench_wide', 'operator', 'hwc', 'REDACT', 'PERSON_NAME'), ('bench_wide', 'notes', 'nr', NULL, 'FREE_TEXT'),"
                    + " ('bench_wide', 'status', 'nr', NULL, NULL), ('bench_wide', 'lane', 'nr', NULL, NULL),"
                    + " ('bench_wide', 'created', 'hwc', 'YEAR_ONLY', NULL), ('bench_wide', 'secret', 'de', NULL, NULL),"
                    + " ('bench_wide', 'metric', 'nr', NULL, NULL), ('bench_wide', 'flag', 'nr', NULL, NULL)");
            if (!without.isEmpty()) {
                statement.execute("UPDATE de_config.data_column_classification SET classification = 'nr', treatment = NULL, pii_type = NULL"
                        + " WHERE table_name = '" + TABLE + "' AND " + WITHOUT.get(without).rules());
            }
        }
    }

    /** Takes the table out of the export again, so that the daily export and the demo do not carry it. */
    static void disable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UPDATE de_config.export_tables SET enabled = false WHERE table_name = '" + TABLE + "'");
        }
    }

    /** The rows of the window, every column: what a plain copy and raw extraction read. */
    static String plainQuery(Instant start, Instant end) {
        return "SELECT * FROM pm_internal." + TABLE + " WHERE ts >= '" + literal(start) + "' AND ts < '" + literal(end) + "'";
    }

    /** The same policy as the export applies, written by hand in DuckDB SQL over the CSV of the plain query. */
    static String duckDbPolicy(String source, String pepper) {
        return "SELECT ts, id, way_id, source,"
                + " CASE upper(trim(source)) WHEN 'FUSION' THEN speed WHEN 'TOMTOM' THEN round(speed) END AS speed,"
                + " CASE upper(trim(source)) WHEN 'FUSION' THEN travel END AS travel, sample_count, round(lat, 3) AS lat, round(lon, 3) AS lon,"
                + " sha256('" + pepper + "' || plate) AS plate,"
                + " regexp_replace(regexp_replace(left(device, length(device) - 4), '[A-Za-z]', 'x', 'g'), '[0-9]', '0', 'g') || right(device, 4) AS device,"
                + " regexp_replace(regexp_replace(operator, '[a-z]', 'x', 'g'), '[A-Z]', 'X', 'g') AS operator,"
                + " regexp_replace(regexp_replace(regexp_replace(notes, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', '<EMAIL>', 'g'),"
                + "   '(\\+?\\d[\\d .-]{7,}\\d)', '<PHONE>', 'g'), '\\b[A-Z]{3}[ -]?\\d{3}\\b', '<PLATE>', 'g') AS notes,"
                + " status, lane::INTEGER AS lane, date_trunc('year', created)::DATE AS created, metric, flag FROM " + source;
    }

    private static String literal(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "+00");
    }

    /** Whether the stack holds the seed (its policy tables). */
    static boolean seeded(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery("SELECT to_regclass('de_config.data_column_classification') IS NOT NULL")) {
            found.next();
            return found.getBoolean(1);
        }
    }
}
