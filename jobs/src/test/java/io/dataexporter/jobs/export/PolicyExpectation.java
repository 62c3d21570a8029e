package io.dataexporter.jobs.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * What every exported column of the synthetic warehouse must hold, computed in PostgreSQL from {@code pm_internal} and
 * the seed's policy, written apart from the planner: the window, the metric classes of the long table, the mx cases by
 * source, and every treatment (the keyed hash recomputed from the pepper with pgcrypto, the masks as {@code translate},
 * ROUND, TRUNCATE, YEAR_ONLY, the scrubber's placeholders for the seed's formats). Only the gunzip of
 * {@code EXPAND_GZIP} runs in Java: PostgreSQL has none. Values are compared as canonical text, one line a row.
 */
public final class PolicyExpectation {

    /** The tables the seed's policy enables, in a stable order. */
    public static final List<String> TABLES = List.of("cctv_event", "incident", "metrics_long", "way", "way_speed");

    // Columns the expectation selects compressed and the reader gunzips (EXPAND_GZIP), by table.
    private static final Map<String, Set<String>> GUNZIPPED = Map.of("way", Set.of("geoj_way_feature"));
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String MASKS = "xxxxxxxxxxxxxxxxxxxxxxxxxxXXXXXXXXXXXXXXXXXXXXXXXXXX0000000000";

    private PolicyExpectation() {
    }

    /**
     * The functions the expectations use, created in the connection's own temporary schema: {@code redact},
     * {@code show_last_4}, {@code show_first_4}, {@code keyed_hash} (HMAC-SHA256 under SHA-256 of the pepper) and
     * {@code scrub}.
     */
    public static void createFunctions(Connection connection, String pepper) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
            statement.execute("CREATE FUNCTION pg_temp.redact(v text) RETURNS text LANGUAGE sql AS $$ SELECT translate(v, '"
                    + LETTERS + "', '" + MASKS + "') $$");
            // four in clear, but never more than half of the value
            statement.execute("CREATE FUNCTION pg_temp.show_last_4(v text) RETURNS text LANGUAGE sql AS $$ SELECT CASE WHEN length(v) <= 4"
                    + " THEN pg_temp.redact(v) ELSE pg_temp.redact(left(v, length(v) - least(4, length(v) / 2))) || right(v, least(4, length(v) / 2)) END $$");
            statement.execute("CREATE FUNCTION pg_temp.show_first_4(v text) RETURNS text LANGUAGE sql AS $$ SELECT CASE WHEN length(v) <= 4"
                    + " THEN pg_temp.redact(v) ELSE left(v, least(4, length(v) / 2)) || pg_temp.redact(substr(v, least(4, length(v) / 2) + 1)) END $$");
            statement.execute("CREATE FUNCTION pg_temp.keyed_hash(v text) RETURNS text LANGUAGE sql AS $$ SELECT encode(public.hmac("
                    + "convert_to(v, 'UTF8'), sha256(convert_to('" + pepper.replace("'", "''") + "', 'UTF8')), 'sha256'), 'hex') $$");
            // The seed's e-mail addresses, mobiles in both formats, IPv4 addresses and plates (ABC123), in that order.
            statement.execute("CREATE FUNCTION pg_temp.scrub(v text) RETURNS text LANGUAGE sql AS $$ SELECT"
                    + " regexp_replace(regexp_replace(regexp_replace(regexp_replace(v,"
                    + " '[a-z0-9._]+@[a-z0-9]+(\\.[a-z0-9]+)*\\.[a-z]{2,}', '<EMAIL>', 'g'),"
                    + " '(\\+61 4|04)[0-9]{2} [0-9]{3} [0-9]{3}', '<PHONE>', 'g'),"
                    + " '[0-9]{1,3}(\\.[0-9]{1,3}){3}', '<IP>', 'g'),"
                    + " '\\m[A-Z]{3}[0-9]{3}\\M', '<PLATE>', 'g') $$");
        }
    }

    /**
     * The expected SELECT of one table: output columns in the order the export writes them. {@code from} and
     * {@code to} bound the window ({@code [from, to)}, UTC); snapshot tables ({@code way}) ignore them.
     */
    static String sql(String table, Instant from, Instant to) {
        String window = " >= '" + from + "'::timestamptz AND %1$s < '" + to + "'::timestamptz";
        return switch (table) {
            case "way_speed" -> "SELECT ts, way_id,"
                    + " CASE upper(btrim(source)) WHEN 'FUSION' THEN speed_kph WHEN 'TOMTOM' THEN round(speed_kph::numeric)::float8 END AS speed_kph,"
                    + " CASE upper(btrim(source)) WHEN 'FUSION' THEN travel_time_s END AS travel_time_s, sample_count, source"
                    + " FROM pm_internal.way_speed WHERE ts" + window.formatted("ts");
            case "metrics_long" -> "SELECT ts, entity_id, metric_name,"
                    + " CASE upper(btrim(metric_name)) WHEN 'VOLUME' THEN value WHEN 'TRAVEL_TIME' THEN round(value::numeric, 1)::float8"
                    + " WHEN 'OCCUPANCY' THEN CASE WHEN upper(btrim(source)) = 'FUSION' THEN value END END AS value, source"
                    + " FROM pm_internal.metrics_long WHERE upper(btrim(metric_name)) IN ('VOLUME', 'OCCUPANCY', 'TRAVEL_TIME') AND ts"
                    + window.formatted("ts");
            case "cctv_event" -> "SELECT date_trunc('hour', event_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS event_time, camera_id,"
                    + " pg_temp.show_last_4(device_serial) AS device_serial, pg_temp.keyed_hash(plate_number) AS plate_number, vehicle_class,"
                    + " pg_temp.redact(operator_name) AS operator_name, pg_temp.keyed_hash(operator_email) AS operator_email,"
                    + " round(lat::numeric, 3)::float8 AS lat, round(lon::numeric, 3)::float8 AS lon, pg_temp.scrub(notes) AS notes"
                    + " FROM pm_internal.cctv_event WHERE event_time" + window.formatted("event_time");
            case "incident" -> "SELECT incident_id, reported_at AT TIME ZONE 'UTC' AS reported_at, pg_temp.show_first_4(reporter_phone) AS reporter_phone,"
                    + " pg_temp.scrub(description) AS description, severity::text AS severity, round(lat::numeric, 2)::float8 AS lat,"
                    + " round(lon::numeric, 2)::float8 AS lon"
                    + " FROM pm_internal.incident WHERE (reported_at AT TIME ZONE 'UTC')" + window.formatted("(reported_at AT TIME ZONE 'UTC')");
            case "way" -> "SELECT way_id, name, geoj_way_feature_compressed AS geoj_way_feature, ar_f_path, round(length_m::numeric)::float8 AS length_m,"
                    + " speed_limit::int AS speed_limit, make_date(extract(year FROM built_on)::int, 1, 1) AS built_on,"
                    + " date_trunc('day', updated_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS updated_at FROM pm_internal.way";
            default -> throw new IllegalArgumentException("No expectation for table " + table);
        };
    }

    /** The expected rows of a table as canonical lines, and its column names, read from PostgreSQL. */
    public static Rows expected(Connection connection, String table, Instant from, Instant to) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql(table, from, to))) {
            return Rows.read(result, GUNZIPPED.getOrDefault(table, Set.of()));
        }
    }

    /** Column names and rows as canonical text lines (values joined by '|', NULL as "NULL"), sorted. */
    public record Rows(List<String> columns, List<String> lines) {

        static Rows read(ResultSet result, Set<String> gunzip) throws SQLException {
            ResultSetMetaData meta = result.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            List<String> lines = new ArrayList<>();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = result.getObject(i);
                    values.add(gunzip.contains(columns.get(i - 1)) && value != null ? gunzip((String) value) : canonical(value));
                }
                lines.add(String.join("|", values));
            }
            lines.sort(null);
            return new Rows(columns, lines);
        }

        /** A short account of the first difference, or "" when equal. */
        public String differenceFrom(Rows expected) {
            if (!columns.equals(expected.columns)) {
                return "columns " + columns + " but expected " + expected.columns;
            }
            if (lines.size() != expected.lines.size()) {
                return lines.size() + " rows but expected " + expected.lines.size();
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).equals(expected.lines.get(i))) {
                    return "row " + i + " of " + lines.size() + " (sorted) is\n  " + lines.get(i) + "\nbut expected\n  " + expected.lines.get(i);
                }
            }
            return "";
        }
    }

    static String canonical(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return Double.toString(((Number) value).doubleValue());
        }
        if (value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        return value.toString();
    }

    private static String gunzip(String base64) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each table's expected rows, in {@link #TABLES} order. */
    static Map<String, Rows> expectedAll(Connection connection, Instant from, Instant to) throws SQLException {
        Map<String, Rows> all = new LinkedHashMap<>();
        for (String table : TABLES) {
            all.put(table, expected(connection, table, from, to));
        }
        return all;
    }
}
