package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.Settings;
import io.dataexporter.jobs.export.PolicyExpectation.Rows;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Run by failsafe in a JVM launched in zone Australia/Melbourne (jobs/pom.xml, execution {@code melbourne-zone}), as a
 * developer's machine or a misconfigured node would be. The seed's {@code incident.reported_at} is a {@code timestamp}
 * (no zone) holding UTC; through JDBC and through the connector, each exported value must be that UTC instant, read
 * here from the warehouse as text (no zone in between) and compared as absolute instants, not one path with the other.
 */
class ZonePinnedIT {

    private static final String DAY = "2026-10-04";

    @Test
    void timestampColumns_leaveAsTheirUtcInstants_onBothReadPaths_whateverTheJvmsZone() throws Exception {
        assertThat(TimeZone.getDefault().getID()).as("the JVM as failsafe launched it").isEqualTo("Australia/Melbourne");
        ExportHarness jdbc = new ExportHarness("it-zone-jdbc");
        ExportHarness unload = new ExportHarness("it-zone-unload");
        ConfigLoader.emulatedRedshiftValues(unload.stack.endpoints()).forEach((name, value) -> unload.set(
                Settings.ALL.stream().filter(key -> key.name().equals(name)).findFirst().orElseThrow(), value));
        try (Connection connection = jdbc.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(500, 3, SeedOptions.DEFAULT_AROUND, 31));
        }
        // the day's edges, the hour Melbourne skips (02:00-03:00 local is 16:00-17:00 UTC) and microseconds
        jdbc.execute("INSERT INTO pm_internal.incident (incident_id, reported_at, reporter_phone, description, severity, lat, lon) VALUES"
                + " (990001, '2026-10-03 14:00:00', '0400000001', 'first', 'L', -37.8, 144.9),"
                + " (990002, '2026-10-03 16:30:00.000001', '0400000002', 'in the skipped hour', 'M', -37.8, 144.9),"
                + " (990003, '2026-10-04 12:59:59.999999', '0400000003', 'last', 'H', -37.8, 144.9),"
                + " (990004, '2026-10-04 13:00:00', '0400000004', 'the next day', 'C', -37.8, 144.9)");
        // the Melbourne day 2026-10-04 (daylight saving starts at 02:00): 14:00 UTC the day before to 13:00 UTC
        Map<String, String> expected = new TreeMap<>();
        for (List<Object> row : jdbc.query("SELECT incident_id::text, to_char(reported_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM pm_internal.incident"
                + " WHERE reported_at >= '2026-10-03 14:00:00' AND reported_at < '2026-10-04 13:00:00'")) {
            expected.put((String) row.get(0), LocalDateTime.parse((String) row.get(1)).toInstant(ZoneOffset.UTC).toString());
        }
        assertThat(expected).containsEntry("990001", "2026-10-03T14:00:00Z").containsEntry("990002", "2026-10-03T16:30:00.000001Z")
                .containsEntry("990003", "2026-10-04T12:59:59.999999Z").doesNotContainKey("990004");

        jdbc.run("--date", DAY, "--tables", "incident");
        assertThat(jdbc.exitCode).as(jdbc.output).isZero();
        unload.run("--date", DAY, "--tables", "incident");
        assertThat(unload.exitCode).as(unload.output).isZero();

        try (S3Client s3 = jdbc.s3()) {
            ParquetReadback readback = new ParquetReadback(s3, jdbc.stack.endpoints().bucket());
            for (String env : List.of("it-zone-jdbc", "it-zone-unload")) {
                Rows rows = readback.read(env + "/2026/10/04/incident/", Set.of());
                int id = rows.columns().indexOf("incident_id");
                int reported = rows.columns().indexOf("reported_at");
                Map<String, String> exported = new TreeMap<>();
                rows.lines().forEach(line -> exported.put(line.split("\\|", -1)[id], line.split("\\|", -1)[reported]));
                assertThat(exported).as(env).isEqualTo(expected);
            }
        }
    }
}
