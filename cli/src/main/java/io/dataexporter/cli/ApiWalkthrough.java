package io.dataexporter.cli;

import io.dataexporter.common.config.StackProperties;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/** The copy-paste sequence the demo prints: requestData, requestStatus until Completed, then one download. */
final class ApiWalkthrough {

    private ApiWalkthrough() {
    }

    static void print(PrintWriter out, Path stackDirectory, int port, LocalDate day) {
        String url = "http://127.0.0.1:" + port;
        long start = day.atTime(8, 0).atZone(ZoneId.of("Australia/Melbourne")).toEpochSecond();
        long end = start + 3600;
        Path token = stackDirectory.toAbsolutePath().resolve(StackProperties.API_TOKEN_FILE);
        out.println("API server: " + url + "/graphql   GraphiQL: " + url + "/graphiql (add the header Authorization: Bearer <token>)");
        out.println("Try the on-demand export (08:00-09:00 Melbourne on " + day + "):");
        out.println("  TOKEN=$(cat " + token + ")");
        out.println("  ID=$(curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"query\":\"mutation { requestData(startTime: " + start + ", endTime: " + end + ") }\"}' " + url + "/graphql \\");
        out.println("       | sed -E 's/.*\"requestData\":\"([^\"]+)\".*/\\1/'); echo $ID");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\");
        out.println("       -d \"{\\\"query\\\":\\\"mutation { requestStatus(requestId: \\\\\\\"$ID\\\\\\\") { status progress dataRequestDownloadLinks error } }\\\"}\" "
                + url + "/graphql > status.json; cat status.json   # repeat until \"status\":\"Completed\"");
        out.println("  curl -s -o first.parquet \"$(grep -o 'http://[^\\\\\"]*' status.json | head -1)\"; ls -l first.parquet");
        out.flush();
    }
}
