package io.dataexporter.classification.plan;

import static io.dataexporter.classification.plan.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.SparkTest;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.transform.PiiScrubber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * One rule per content: every combination of the twin's class, the compressed column's own row, the twin's pii_type and
 * whether the column is a value column of a long table, run through the plan in Spark and compared cell by cell with an
 * oracle written here from the policy's semantics alone (it shares no code with the planner: gunzip, the levels and their
 * order are its own; only the scrubber and the keyed hash are the product's functions, tested on their own elsewhere).
 */
class CompressedTwinsTest extends SparkTest {

    private static final HashKey KEY = HashKey.fromPepper("pepper-for-tests-0001");
    private static final List<String> TWIN_CLASSES = List.of("nr", "mx", "hwc", "de", "none");
    private static final List<String[]> OWN_ROWS = List.of(new String[] {"nr", null}, new String[] {"nr", "EXPAND_GZIP"},
            new String[] {"hwc", "EXPAND_GZIP"}, new String[] {"mx", "EXPAND_GZIP"}, new String[] {"de", null}, new String[] {"hwc", "HASH"});
    private static final List<String> PII = java.util.Arrays.asList(null, "FREE_TEXT", "EMAIL");
    private static final Map<String, String> SOURCES = Map.of("FUSION", "nr", "TOMTOM", "hwc", "HERE", "de");
    private static final Map<String, String> METRICS = Map.of("SPEED", "nr", "FLOW", "hwc", "OCCUPANCY", "mx", "GONE", "de");

    /** One compressed column of the test table: its twin's rule, its own row, and whether it is a value column. */
    private record Case(String name, String twinClass, String[] own, String pii, boolean value) {
        @Override
        public String toString() {
            return name + " (twin " + twinClass + ", own " + own[0] + " " + own[1] + ", pii " + pii + (value ? ", value column)" : ")");
        }
    }

    @Test
    void everyCombination_exportsWhatTheTwinsRuleAllows_orWithholdsTheColumnForAConflict() {
        List<Case> cases = new ArrayList<>();
        for (String twinClass : TWIN_CLASSES) {
            for (String[] own : OWN_ROWS) {
                for (String pii : PII) {
                    for (boolean value : new boolean[] {false, true}) {
                        cases.add(new Case("c" + cases.size(), twinClass, own, pii, value));
                    }
                }
            }
        }
        Policies policy = policy().longTable("m", null, "source", "metric", String.join(",", cases.stream().filter(Case::value)
                        .map(c -> c.name() + "_compressed").toList()))
                .column("m", "source", "nr").column("m", "metric", "nr");
        SOURCES.forEach(policy::source);
        METRICS.forEach((metric, classification) -> policy.metric("m", metric, classification));
        StructType schema = new StructType().add("source", DataTypes.StringType).add("metric", DataTypes.StringType);
        for (Case c : cases) {
            schema = schema.add(c.name() + "_compressed", DataTypes.StringType);
            policy.column("m", c.name() + "_compressed", c.own()[0], c.own()[1], null);
            if (!c.twinClass().equals("none")) {
                policy.column("m", c.name(), c.twinClass(), null, c.pii());
            }
        }
        List<Object[]> input = new ArrayList<>();
        for (String source : new String[] {"FUSION", "TOMTOM", "HERE", "NEW"}) {
            for (String metric : new String[] {"SPEED", "FLOW", "OCCUPANCY", "GONE", "UNNAMED"}) {
                Object[] row = new Object[2 + cases.size()];
                row[0] = source;
                row[1] = metric;
                for (int i = 0; i < cases.size(); i++) {
                    row[2 + i] = TablePlannerTest.gzipBase64("row " + input.size() + ": call 0412 345 678 or mail jane.doe@example.com");
                }
                input.add(row);
            }
        }
        PolicyRows rows = policy.rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "m", schema, Optional.empty(), Optional.of(KEY));
        List<Row> out = plan.transform(plan.selectFromRawTable(rows(schema, input.toArray(Object[][]::new)))).collectAsList();

        Map<String, Integer> outputs = new LinkedHashMap<>();
        String[] names = plan.transform(plan.selectFromRawTable(rows(schema))).columns();
        for (int i = 0; i < names.length; i++) {
            outputs.put(names[i], i);
        }
        List<Object[]> exported = input.stream().filter(row -> !row[1].equals("GONE") && !row[1].equals("UNNAMED")).toList();
        assertThat(out).hasSize(exported.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Optional<String> output = expectedOutput(c);
            ColumnFate fate = plan.columnFates().get(2 + i);
            boolean conflict = output.isEmpty() && !c.own()[0].equals("de");
            if (fate.isTwinConflict() != conflict || output.isPresent() == fate.isWithheld()) {
                mismatches.add(c + ": fate " + fate);
                continue;
            }
            if (output.isEmpty()) {
                continue;
            }
            if (!outputs.containsKey(output.get())) {
                mismatches.add(c + ": no output column " + output.get());
                continue;
            }
            for (int r = 0; r < exported.size(); r++) {
                Object[] row = exported.get(r);
                String expected = expectedCell(c, (String) row[0], (String) row[1], (String) row[2 + i]);
                String actual = out.get(r).getString(outputs.get(output.get()));
                if (!Objects.equals(expected, actual)) {
                    mismatches.add(c + " source " + row[0] + " metric " + row[1] + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        // the combinations cover all three outcomes
        assertThat(cases.stream().filter(c -> expectedOutput(c).map(name -> !name.endsWith("_compressed")).orElse(false))).hasSizeGreaterThan(20);
        assertThat(cases.stream().filter(c -> expectedOutput(c).map(name -> name.endsWith("_compressed")).orElse(false))).hasSize(1);
    }

    // The output column's name, or empty when the column is withheld (classified de, or a twin conflict).
    private static Optional<String> expectedOutput(Case c) {
        String ownClass = c.own()[0];
        String ownTreatment = c.own()[1];
        boolean expands = "EXPAND_GZIP".equals(ownTreatment);
        if (ownClass.equals("de") || (ownTreatment != null && !expands) || c.twinClass().equals("none") || c.twinClass().equals("de")) {
            return Optional.empty();
        }
        if (!expands && !(c.twinClass().equals("nr") && c.pii() == null && !c.value())) {
            return Optional.empty();
        }
        return Optional.of(expands ? c.name() : c.name() + "_compressed");
    }

    // 0 clear, 1 treated, 2 nothing; the stricter of two is the larger
    private static int level(String classification, String source) {
        return switch (classification) {
            case "nr" -> 0;
            case "hwc" -> 1;
            case "mx" -> switch (Objects.requireNonNullElse(SOURCES.get(source), "unknown")) {
                case "nr" -> 0;
                case "hwc" -> 1;
                default -> 2;
            };
            default -> 2;
        };
    }

    private static String expectedCell(Case c, String source, String metric, String stored) {
        boolean expands = "EXPAND_GZIP".equals(c.own()[1]);
        String text = expands ? gunzipBase64(stored) : stored;
        int level = level(c.twinClass(), source);
        if (c.value()) {
            String metricClass = METRICS.get(metric);
            int byMetric = metricClass.equals("mx") ? ("nr".equals(SOURCES.get(source)) ? 0 : 2) : level(metricClass, source);
            level = Math.max(level, byMetric);
        }
        String scrubbed = "FREE_TEXT".equals(c.pii()) ? PiiScrubber.scrub(text) : text;
        return switch (level) {
            case 0 -> "EMAIL".equals(c.pii()) ? KEY.hmacHex(text) : scrubbed;
            case 1 -> KEY.hmacHex(scrubbed);
            default -> null;
        };
    }

    @Test
    void freeTextTwinOfAnMxCompressedColumn_isScrubbedForEverySource() {
        StructType schema = new StructType().add("source", DataTypes.StringType).add("notes_compressed", DataTypes.StringType);
        PolicyRows rows = policy().table("t", null, "source").column("t", "source", "nr").column("t", "notes", "nr", null, "FREE_TEXT")
                .column("t", "notes_compressed", "mx", "EXPAND_GZIP", null).source("FUSION", "nr").source("TOMTOM", "hwc").rows();
        String notes = TablePlannerTest.gzipBase64("call Jane on 0412 345 678 or mail jane.doe@example.com");

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "t", schema, Optional.empty(), Optional.of(KEY));
        List<Row> out = plan.transform(plan.selectFromRawTable(rows(schema, new Object[] {"FUSION", notes}, new Object[] {"TOMTOM", notes})))
                .collectAsList();

        assertThat(out).extracting(row -> row.getString(1)).containsExactly("call Jane on <PHONE> or mail <EMAIL>", "call Jane on <PHONE> or mail <EMAIL>");
        assertThat(plan.columnFates().get(1).detail()).isEqualTo("EXPAND_GZIP; pii FREE_TEXT: scrubbed after expansion");
    }

    private static String gunzipBase64(String stored) {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
