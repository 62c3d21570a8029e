package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.TestSpark;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The day daylight saving ends in Melbourne has 25 hours, and the export holds all of them. */
class DaylightSavingEndIT {

    @Test
    void export_onTheDayDaylightSavingEnds_exports25HoursOfRows() throws Exception {
        ExportHarness harness = new ExportHarness("it-dst-end");
        try (Connection connection = harness.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(4000, 3, LocalDate.of(2026, 4, 5), 3));
        }

        harness.run("--date", "2026-04-05", "--tables", "way_speed");

        assertThat(harness.exitCode).as(harness.output).isZero();
        assertThat(TestSpark.get().sql("SELECT count(DISTINCT date_trunc('HOUR', ts)), count(*) FROM de.it_dst_end.way_speed"
                + " WHERE export_date = DATE'2026-04-05'").first().toString())
                .isEqualTo("[25," + harness.query("SELECT count(*) FROM pm_internal.way_speed WHERE ts >= '2026-04-04 13:00:00+00'"
                        + " AND ts < '2026-04-05 14:00:00+00'").get(0).get(0) + "]");
    }
}
