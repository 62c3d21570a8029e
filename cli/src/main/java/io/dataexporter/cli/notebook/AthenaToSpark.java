package io.dataexporter.cli.notebook;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small translation from Athena (Trino) SQL to Spark SQL that lets the EDA notebook run against the local
 * catalog. It handles exactly:
 * <ul>
 *   <li>Iceberg metadata tables: {@code "way_speed$snapshots"} becomes {@code de.data_exporter.way_speed.snapshots}
 *       (Spark needs the catalog and namespace before a metadata table; also {@code $partitions}, {@code $files},
 *       {@code $history}, {@code $manifests});</li>
 *   <li>time travel: {@code FOR VERSION AS OF} and {@code FOR TIMESTAMP AS OF} become Spark's {@code VERSION AS OF}
 *       and {@code TIMESTAMP AS OF}, and {@code AS OF current_timestamp} becomes {@code AS OF current_timestamp()} (Spark
 *       reads the bare word as a column there);</li>
 *   <li>{@code column AT TIME ZONE 'Zone'} on a UTC timestamp column becomes {@code from_utc_timestamp(column, 'Zone')}.</li>
 * </ul>
 * Athena-only forms it does not translate ({@code UNNEST}, {@code ROW(...)}, lambda expressions, {@code AT TIME ZONE}
 * on anything but a column) fail with a message naming the query's cell.
 */
public final class AthenaToSpark {

    private static final Pattern METADATA_TABLE = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]*)\\$(snapshots|partitions|files|history|manifests)\"");
    private static final Pattern AT_TIME_ZONE = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s+AT\\s+TIME\\s+ZONE\\s+('[^']+')", Pattern.CASE_INSENSITIVE);
    private static final Pattern AS_OF_NOW = Pattern.compile("AS OF current_timestamp\\b(?!\\s*\\()", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_TRAVEL = Pattern.compile("\\bFOR\\s+(VERSION|TIMESTAMP)\\s+AS\\s+OF\\b", Pattern.CASE_INSENSITIVE);
    private static final List<Unsupported> UNSUPPORTED = List.of(
            new Unsupported(Pattern.compile("\\bUNNEST\\s*\\(", Pattern.CASE_INSENSITIVE), "UNNEST", "use explode in Spark, or split the query"),
            new Unsupported(Pattern.compile("\\bROW\\s*\\(", Pattern.CASE_INSENSITIVE), "ROW(...)", "use named_struct in Spark"),
            new Unsupported(Pattern.compile("\\w+\\s*->"), "lambda expressions", "rewrite without them"),
            new Unsupported(Pattern.compile("AT\\s+TIME\\s+ZONE", Pattern.CASE_INSENSITIVE), "AT TIME ZONE on an expression",
                    "apply it to a column, e.g. reported_at AT TIME ZONE 'Australia/Melbourne'"));

    private record Unsupported(Pattern pattern, String what, String fix) {
    }

    private AthenaToSpark() {
    }

    /** The query in Spark SQL, its metadata tables qualified with {@code namespace} ({@code catalog.database}). */
    public static String translate(NotebookQueries.Query query, String namespace) {
        String sql = METADATA_TABLE.matcher(query.sql()).replaceAll(Matcher.quoteReplacement(namespace) + ".$1.$2");
        sql = TIME_TRAVEL.matcher(sql).replaceAll(match -> match.group(1).toUpperCase(Locale.ROOT) + " AS OF");
        sql = AS_OF_NOW.matcher(sql).replaceAll("AS OF current_timestamp()");
        Matcher zone = AT_TIME_ZONE.matcher(sql);
        sql = zone.replaceAll(match -> Matcher.quoteReplacement("from_utc_timestamp(" + match.group(1) + ", " + match.group(2) + ")"));
        for (Unsupported unsupported : UNSUPPORTED) {
            if (unsupported.pattern().matcher(sql).find()) {
                throw new IllegalArgumentException("Cannot run " + query.label() + " against the local catalog: Athena's " + unsupported.what()
                        + " has no translation to Spark SQL; " + unsupported.fix());
            }
        }
        return sql;
    }
}
