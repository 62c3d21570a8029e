package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExportDayTest {

    @Test
    void window_onTheDayDaylightSavingStarts_is23Hours() {
        ExportDay day = new ExportDay(LocalDate.of(2026, 10, 4));

        assertThat(day.window().start()).isEqualTo(Instant.parse("2026-10-03T14:00:00Z"));
        assertThat(day.window().end()).isEqualTo(Instant.parse("2026-10-04T13:00:00Z"));
        assertThat(Duration.between(day.window().start(), day.window().end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void window_onTheDayDaylightSavingEnds_is25Hours() {
        ExportDay day = new ExportDay(LocalDate.of(2026, 4, 5));

        assertThat(day.window().start()).isEqualTo(Instant.parse("2026-04-04T13:00:00Z"));
        assertThat(Duration.between(day.window().start(), day.window().end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void window_onAnOrdinaryDay_is24Hours() {
        assertThat(Duration.between(new ExportDay(LocalDate.of(2026, 7, 1)).window().start(), new ExportDay(LocalDate.of(2026, 7, 1)).window().end()))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void yesterday_at0100Melbourne_isThePreviousMelbourneDay() {
        // 01:00 on 5 Oct 2026 in Melbourne (AEDT, +11) is 14:00 UTC on 4 Oct
        Clock clock = Clock.fixed(Instant.parse("2026-10-04T14:00:00Z"), ZoneOffset.UTC);

        assertThat(ExportDay.yesterday(clock).date()).isEqualTo(LocalDate.of(2026, 10, 4));
    }

    @Test
    void before_theScheduledTime_isTheDayBeforeItsMelbourneDay_howeverLateTheStepStarts() {
        // the 01:00 schedule of 5 Oct 2026 fired at 14:00 UTC on 4 Oct; its day is 4 Oct, also when the step waits past midnight
        assertThat(ExportDay.before(Instant.parse("2026-10-04T14:00:00Z")).date()).isEqualTo(LocalDate.of(2026, 10, 4));
        // 12:59 UTC on 4 Oct is 23:59 on 4 Oct in Melbourne (AEDT, +11): the day before is the 3rd
        assertThat(ExportDay.before(Instant.parse("2026-10-04T12:59:00Z")).date()).isEqualTo(LocalDate.of(2026, 10, 3));
    }

    @Test
    void scheduledAt_givesTheOneDay_andCannotBeCombinedWithADay() {
        ScheduledExport export = new ScheduledExport();
        new picocli.CommandLine(export).parseArgs("--scheduled-at", "2026-10-04T14:00:00Z");
        assertThat(export.days()).containsExactly(new ExportDay(LocalDate.of(2026, 10, 4)));

        ScheduledExport both = new ScheduledExport();
        new picocli.CommandLine(both).parseArgs("--scheduled-at", "2026-10-04T14:00:00Z", "--date", "2026-10-01");
        org.assertj.core.api.Assertions.assertThatThrownBy(both::days).hasMessage("--scheduled-at 2026-10-04T14:00:00Z names the day itself"
                + " (the Melbourne day before it); give it alone, without --date, --from or --to");
    }

    @Test
    void folder_isYearMonthDay() {
        assertThat(new ExportDay(LocalDate.of(2026, 3, 7)).folder()).isEqualTo("2026/03/07");
    }
}
