package io.dataexporter.cli;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.localstack.StackSettings;
import java.io.PrintWriter;
import java.util.Map;

/** What a person needs to reach a running stack and see what it holds. */
final class StackSummary {

    private StackSummary() {
    }

    static void print(PrintWriter out, StackSettings settings, StackEndpoints endpoints) {
        out.println("Local stack (" + settings.directory().toAbsolutePath() + ")");
        out.println("  PostgreSQL  " + endpoints.jdbcUrl());
        out.println("  catalog     " + endpoints.catalogJdbcUrl());
        out.println("  S3          " + endpoints.s3Endpoint() + "  bucket " + endpoints.bucket() + "  access key " + endpoints.s3AccessKey());
        out.println("  API token   " + io.dataexporter.common.config.StackProperties.developmentToken(settings.directory().toAbsolutePath()
                .resolve(io.dataexporter.common.config.StackProperties.API_TOKEN_FILE)) + "  (development only; also api.token in stack.properties)");
        out.println("  details in  " + settings.propertiesFile().toAbsolutePath());
        out.println("  psql        " + psql(endpoints) + " -c '\\dt pm_internal.*'");
    }

    static String psql(StackEndpoints endpoints) {
        return "psql -h 127.0.0.1 -p " + endpoints.postgresPort() + " -U " + endpoints.user() + " postgres";
    }

    static void printTables(PrintWriter out, Map<String, Long> rowCounts) {
        out.printf("%-28s %12s%n", "table", "rows");
        rowCounts.forEach((table, rows) -> out.printf("%-28s %,12d%n", "pm_internal." + table, rows));
    }
}
