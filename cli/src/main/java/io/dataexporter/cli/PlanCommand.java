package io.dataexporter.cli;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.policy.PolicyRows.ExportTableRow;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.jobs.config.HashPepper;
import io.dataexporter.jobs.config.Settings;
import io.dataexporter.jobs.export.ExportFailure;
import io.dataexporter.jobs.policy.JdbcPolicyLoader;
import io.dataexporter.jobs.policy.YamlPolicyParser;
import io.dataexporter.jobs.source.JdbcWarehouseSource;
import io.dataexporter.jobs.spark.SparkSessions;
import io.dataexporter.localstack.RunningStack;
import io.dataexporter.localstack.seed.SeedOptions;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Prints each enabled table's fate under the policy: columns kept, treated, withheld (and why), and the warehouse SQL.",
            "A table the policy cannot be applied to prints its configuration errors instead; exit code 4 if any does."})
final class PlanCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Option(names = "--table", paramLabel = "T", description = "Only this table (default: every enabled table).")
    String table;

    @Option(names = "--scan", description = {"Also run the governance scan: drift between the warehouse and the policy, and PII sampled in the",
        "text columns that leave in clear (200 cells per column, 5% threshold), as each export run does; exports nothing."})
    boolean scan;

    @Option(names = "--policy-file", paramLabel = "F", description = "Read the policy from this YAML file instead of the de_config tables.")
    java.nio.file.Path policyFile;

    @Option(names = "--sql-dialect", paramLabel = "DIALECT", defaultValue = "POSTGRESQL",
            description = "Dialect of the printed warehouse SQL: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the local warehouse).")
    SqlDialect dialect;

    @Option(names = "--date", paramLabel = "D", description = "The Melbourne day whose window the SQL uses (default: yesterday in Australia/Melbourne).")
    LocalDate date;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StackEndpoints endpoints = RunningStack.find(stackDirectory.directory);
        PrintWriter out = spec.commandLine().getOut();
        PolicyRows policy = loadPolicy(endpoints);
        List<ExportTableRow> tables = tables(policy);
        LocalDate day = date != null ? date : LocalDate.now(Clock.system(SeedOptions.MELBOURNE)).minusDays(1);
        ExportWindow window = new ExportWindow(day.atStartOfDay(SeedOptions.MELBOURNE).toInstant(),
                day.plusDays(1).atStartOfDay(SeedOptions.MELBOURNE).toInstant());
        Optional<HashKey> key = HashPepper.resolve(System.getenv(), stackDirectory.directory);
        SparkSession spark = SparkSessions.local("data-exporter plan", 1);
        JdbcWarehouseSource source = new JdbcWarehouseSource(spark, endpoints.jdbcUrl(), endpoints.user(), endpoints.password(), "pm_internal");
        out.println("Policy version " + policy.version() + "; window " + day + " Australia/Melbourne = [" + window.start() + ", " + window.end() + ")");
        int failed = 0;
        for (ExportTableRow row : tables) {
            out.println();
            try {
                Optional<ExportWindow> tableWindow = row.isSnapshot() ? Optional.empty() : Optional.of(window);
                org.apache.spark.sql.types.StructType schema = source.schema(row.tableName());
                TablePlan plan = TablePlanner.plan(policy, "pm_internal", row.tableName(), schema, tableWindow, key);
                out.print(plan.reportText(dialect));
                if (scan) {
                    printScan(out, endpoints, plan, schema);
                }
            } catch (Exception e) { // Spark rethrows checked exceptions (the driver's SQLException) undeclared
                failed++;
                out.println("pm_internal." + row.tableName() + "  NOT EXPORTED");
                ExportFailure.configurationProblems(row.tableName(), e).orElseThrow(() -> ExportFailure.classify(row.tableName(), e)).forEach(problem -> out.println("  error     " + problem));
            }
        }
        out.flush();
        return failed == 0 ? 0 : 4;
    }

    private static void printScan(PrintWriter out, StackEndpoints endpoints, TablePlan plan, org.apache.spark.sql.types.StructType schema) throws Exception {
        // the scan as each export run makes it, with the settings' defaults
        io.dataexporter.jobs.governance.PolicyScan.Report scan = io.dataexporter.jobs.governance.PolicyScan.scan(
                new io.dataexporter.jobs.config.JdbcTarget(endpoints.jdbcUrl(), endpoints.user(), endpoints.password()), plan, schema,
                SqlDialect.POSTGRESQL, new io.dataexporter.jobs.governance.PolicyScan.Settings(
                        Integer.parseInt(Settings.GOVERNANCE_SCAN_ROWS.defaultValue()), Double.parseDouble(Settings.GOVERNANCE_SCAN_THRESHOLD.defaultValue())));
        List<io.dataexporter.jobs.governance.Finding> findings = scan.findings();
        out.println(findings.isEmpty() ? "  scan      no findings" : "  scan      " + findings.size() + " finding(s):");
        for (io.dataexporter.jobs.governance.Finding finding : findings) {
            out.println("  " + finding.kind().code() + ": " + finding.detail());
            out.println("    fix: " + finding.fix());
        }
        if (!scan.filteredRows().isEmpty()) {
            out.println("  filtered  rows left in the warehouse in the window: " + scan.filteredRows().entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue()).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private PolicyRows loadPolicy(StackEndpoints endpoints) throws Exception {
        if (policyFile != null) {
            if (!java.nio.file.Files.isRegularFile(policyFile)) {
                throw new IllegalArgumentException("--policy-file " + policyFile + " does not exist; give the path of a policy YAML file");
            }
            return YamlPolicyParser.parse(java.nio.file.Files.readString(policyFile), policyFile.toString());
        }
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password())) {
            return new JdbcPolicyLoader("de_config").load(connection);
        }
    }

    private List<ExportTableRow> tables(PolicyRows policy) {
        if (table == null) {
            return policy.enabledTables();
        }
        return List.of(policy.exportTable(table).orElseThrow(() -> new IllegalArgumentException("--table " + table
                + " is not in export_tables; known tables: " + String.join(", ", policy.exportTables().stream().map(ExportTableRow::tableName).sorted().toList()))));
    }
}
