package io.dataexporter.jobs.range;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.jobs.export.RunDocuments;
import java.util.List;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The manifest of one table's range export, in the shape of Redshift's {@code UNLOAD ... MANIFEST VERBOSE}:
 * {@code {"entries":[{"url":..., "meta":{"content_length":N, "record_count":M}}], "schema":{"elements":[{"name":..., "type":{"base":...}}]},
 * "meta":{"content_length":N, "record_count":M}}}, plus {@code "policy":{"version":..., "columns":[...]}}: the policy it
 * was exported under and every warehouse column's fate (kept, treated and how, withheld and why). Readers of the Redshift
 * shape ignore the extra key.
 */
public final class RedshiftManifest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedshiftManifest() {
    }

    public static String json(List<RangeFile> files, StructType schema, String policyVersion, List<ColumnFate> fates,
                              java.util.Optional<java.util.Map<String, Long>> withheldCells,
                              io.dataexporter.jobs.governance.PolicyScan.Report scan) {
        List<io.dataexporter.jobs.governance.Finding> findings = scan.findings();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode entries = root.putArray("entries");
        for (RangeFile file : files) {
            ObjectNode entry = entries.addObject();
            entry.put("url", file.url());
            entry.putObject("meta").put("content_length", file.contentLength()).put("record_count", file.recordCount());
        }
        ArrayNode elements = root.putObject("schema").putArray("elements");
        for (StructField field : schema.fields()) {
            elements.addObject().put("name", field.name()).putObject("type").put("base", redshiftType(field.dataType()));
        }
        root.putObject("meta").put("content_length", files.stream().mapToLong(RangeFile::contentLength).sum())
                .put("record_count", files.stream().mapToLong(RangeFile::recordCount).sum());
        ObjectNode policy = root.putObject("policy").put("version", policyVersion);
        RunDocuments.columnFates(policy.putArray("columns"), fates);
        if (withheldCells.isPresent()) {
            ObjectNode cells = policy.putObject("withheld_cells");
            withheldCells.get().forEach(cells::put);
        } else {
            policy.putNull("withheld_cells");
        }
        ObjectNode filtered = policy.putObject("filtered_rows");
        scan.filteredRows().forEach(filtered::put);
        policy.put("attention", !findings.isEmpty());
        ArrayNode found = policy.putArray("findings");
        for (io.dataexporter.jobs.governance.Finding finding : findings) {
            found.addObject().put("kind", finding.kind().code()).put("subject", finding.subject()).put("detail", finding.detail()).put("fix", finding.fix());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the manifest: " + e.getMessage(), e);
        }
    }

    /** The Redshift type name a consumer of UNLOAD manifests expects for a Spark type. */
    static String redshiftType(DataType type) {
        if (type instanceof IntegerType) {
            return "integer";
        }
        if (type instanceof LongType) {
            return "bigint";
        }
        if (type instanceof DoubleType) {
            return "double precision";
        }
        if (type instanceof FloatType) {
            return "real";
        }
        if (type instanceof BooleanType) {
            return "boolean";
        }
        if (type instanceof DateType) {
            return "date";
        }
        if (type instanceof TimestampType) {
            return "timestamp with time zone";
        }
        if (type instanceof TimestampNTZType) {
            return "timestamp without time zone";
        }
        if (type instanceof DecimalType decimal) {
            return "numeric(" + decimal.precision() + "," + decimal.scale() + ")";
        }
        return "character varying";
    }
}
