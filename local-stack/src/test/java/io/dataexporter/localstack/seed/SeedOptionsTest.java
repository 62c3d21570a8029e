package io.dataexporter.localstack.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SeedOptionsTest {

    @Test
    void defaults_coverThreeDaysAroundTheOctoberChange() {
        SeedOptions options = SeedOptions.defaults();
        assertThat(options.firstDay()).isEqualTo(LocalDate.of(2026, 10, 3));
        assertThat(options.lastDay()).isEqualTo(LocalDate.of(2026, 10, 5));
        assertThat(options.start()).isEqualTo(Instant.parse("2026-10-02T14:00:00Z"));
        assertThat(options.end()).isEqualTo(Instant.parse("2026-10-05T13:00:00Z"));
        assertThat(options.rows()).isEqualTo(100_000);
        assertThat(options.seed()).isEqualTo(42);
    }

    @Test
    void hoursIn_dstDays_are23And25() {
        assertThat(SeedOptions.hoursIn(LocalDate.of(2026, 10, 4))).isEqualTo(23);
        assertThat(SeedOptions.hoursIn(LocalDate.of(2026, 4, 5))).isEqualTo(25);
        assertThat(SeedOptions.hoursIn(LocalDate.of(2026, 4, 6))).isEqualTo(24);
    }

    @Test
    void firstDay_whenOneDay_isTheChangeDayItself() {
        assertThat(new SeedOptions(1000, 1, LocalDate.of(2026, 4, 5), 1).firstDay()).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(new SeedOptions(1000, 2, LocalDate.of(2026, 4, 5), 1).firstDay()).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(new SeedOptions(1000, 4, LocalDate.of(2026, 4, 5), 1).firstDay()).isEqualTo(LocalDate.of(2026, 4, 4));
    }

    @Test
    void derivedCounts_scaleWithRows() {
        SeedOptions options = new SeedOptions(10_000_000, 3, SeedOptions.DEFAULT_AROUND, 1);
        assertThat(options.cctvEvents()).isEqualTo(1_000_000);
        assertThat(options.incidents()).isEqualTo(100_000);
        assertThat(options.ways()).isEqualTo(10_000);
        assertThat(new SeedOptions(100, 3, SeedOptions.DEFAULT_AROUND, 1).ways()).isEqualTo(10);
    }

    @Test
    void constructor_whenAroundIsNotAChangeDay_namesTheValueAndTheFix() {
        assertThatThrownBy(() -> new SeedOptions(1000, 3, LocalDate.of(2026, 10, 5), 1))
                .hasMessage("Cannot seed: --around 2026-10-05 is not a daylight-saving change day in Australia/Melbourne"
                        + " (use the first Sunday of April or of October, e.g. 2026-10-04)");
    }

    @Test
    void constructor_whenRowsOutOfRange_namesTheValue() {
        assertThatThrownBy(() -> new SeedOptions(99, 3, SeedOptions.DEFAULT_AROUND, 1))
                .hasMessage("Cannot seed: --rows 99 is out of range (100 to 100000000)");
    }

    @Test
    void constructor_whenDaysOutOfRange_namesTheValue() {
        assertThatThrownBy(() -> new SeedOptions(1000, 0, SeedOptions.DEFAULT_AROUND, 1))
                .hasMessage("Cannot seed: --days 0 is out of range (1 to 366)");
    }

    @Test
    void render_fillsEveryPlaceholder() {
        String rendered = SyntheticWarehouse.render("${seed} ${start} ${span} ${rows} ${cctv_events} ${incidents} ${ways}",
                new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 7));
        assertThat(rendered).isEqualTo("7 1790949600 255600 2000 200 20 20");
    }
}
