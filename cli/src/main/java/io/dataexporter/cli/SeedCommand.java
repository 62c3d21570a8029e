package io.dataexporter.cli;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.localstack.RunningStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {
            "(Re)creates the synthetic pm_internal, the policy tables (de_config) and the empty control tables (de_internal)",
            "in the running stack's warehouse. The days always include a Melbourne daylight-saving change."})
final class SeedCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Mixin
    SeedArguments seedArguments;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        StackEndpoints endpoints = RunningStack.find(stackDirectory.directory);
        PrintWriter out = spec.commandLine().getOut();
        SeedArguments.seedAndPrint(out, endpoints, seedArguments.toOptions());
        return 0;
    }

    /** The seed options shared by {@code seed} and {@code demo}. */
    static final class SeedArguments {

        @Option(names = "--rows", paramLabel = "N", defaultValue = "100000",
                description = "Rows of each time-series table; cctv_event gets N/10, incident and way N/100 (default: ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--days", paramLabel = "K", defaultValue = "3", description = "Melbourne days covered (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--around", paramLabel = "DATE", defaultValue = "2026-10-04",
                description = "The daylight-saving change day the days are centred on (default: ${DEFAULT-VALUE}; 2026-04-05 gives a 25-hour day).")
        LocalDate around;

        @Option(names = "--seed", defaultValue = "42", description = "Same seed, same data (default: ${DEFAULT-VALUE}).")
        long seed;

        SeedOptions toOptions() {
            return new SeedOptions(rows, days, around, seed);
        }

        static Map<String, Long> seedAndPrint(PrintWriter out, StackEndpoints endpoints, SeedOptions options) throws SQLException {
            out.println("Seeding " + options.rows() + " rows over " + options.firstDay() + " .. " + options.lastDay()
                    + " (Australia/Melbourne), seed " + options.seed() + " ...");
            out.flush();
            long started = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password())) {
                Map<String, Long> counts = SyntheticWarehouse.seed(connection, options);
                out.printf("Seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
                StackSummary.printTables(out, counts);
                return counts;
            }
        }
    }
}
