package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.ExportWindow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A calendar day in Australia/Melbourne: the unit of the scheduled export. */
public record ExportDay(LocalDate date) {

    public static final ZoneId MELBOURNE = ZoneId.of("Australia/Melbourne");

    public ExportDay {
        if (date == null) {
            throw new IllegalArgumentException("Cannot export: no date given");
        }
    }

    /** Yesterday in Melbourne, by the given clock: what the 01:00 schedule exports. */
    /** The Melbourne day before the one {@code firedAt} falls on: the day a schedule that fired then exports. */
    public static ExportDay before(java.time.Instant firedAt) {
        return new ExportDay(LocalDate.ofInstant(firedAt, MELBOURNE).minusDays(1));
    }

    public static ExportDay yesterday(Clock clock) {
        return new ExportDay(LocalDate.now(clock.withZone(MELBOURNE)).minusDays(1));
    }

    /** {@code [date 00:00, date+1 00:00)} Melbourne time, in UTC: 23, 24 or 25 hours long. */
    public ExportWindow window() {
        return new ExportWindow(date.atStartOfDay(MELBOURNE).toInstant(), date.plusDays(1).atStartOfDay(MELBOURNE).toInstant());
    }

    /** {@code YYYY/MM/DD}: the day's folder under the environment. */
    public String folder() {
        return date.format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
