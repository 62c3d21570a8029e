package io.dataexporter.localstack.seed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the synthetic warehouse holds.
 *
 * @param rows   rows of each time-series table ({@code way_speed}, {@code metrics_long}); {@code cctv_event}
 *               gets a tenth, {@code incident} a hundredth, {@code way} a hundredth (at most {@value #MAX_WAYS})
 * @param days   Melbourne calendar days covered
 * @param around a Melbourne daylight-saving change day that the days always include
 * @param seed   the same seed gives the same data
 */
public record SeedOptions(long rows, int days, LocalDate around, long seed) {

    public static final ZoneId MELBOURNE = ZoneId.of("Australia/Melbourne");
    public static final long DEFAULT_ROWS = 100_000;
    public static final int DEFAULT_DAYS = 3;
    /** First Sunday of October 2026: Melbourne moves to daylight time, a 23-hour day. */
    public static final LocalDate DEFAULT_AROUND = LocalDate.of(2026, 10, 4);
    public static final long DEFAULT_SEED = 42;
    public static final long MIN_ROWS = 100;
    public static final long MAX_ROWS = 100_000_000;
    public static final int MAX_DAYS = 366;
    static final long MAX_WAYS = 10_000;

    public SeedOptions {
        if (rows < MIN_ROWS || rows > MAX_ROWS) {
            throw new IllegalArgumentException("Cannot seed: --rows " + rows + " is out of range (" + MIN_ROWS + " to " + MAX_ROWS + ")");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("Cannot seed: --days " + days + " is out of range (1 to " + MAX_DAYS + ")");
        }
        if (around == null || hoursIn(around) == 24) {
            throw new IllegalArgumentException("Cannot seed: --around " + around + " is not a daylight-saving change day in "
                    + MELBOURNE + " (use the first Sunday of April or of October, e.g. " + DEFAULT_AROUND + ")");
        }
    }

    public static SeedOptions defaults() {
        return new SeedOptions(DEFAULT_ROWS, DEFAULT_DAYS, DEFAULT_AROUND, DEFAULT_SEED);
    }

    /** The first day covered: the change day sits in the middle of the days (or just after it). */
    public LocalDate firstDay() {
        return around.minusDays((days - 1) / 2);
    }

    public LocalDate lastDay() {
        return firstDay().plusDays(days - 1L);
    }

    public Instant start() {
        return firstDay().atStartOfDay(MELBOURNE).toInstant();
    }

    public Instant end() {
        return firstDay().plusDays(days).atStartOfDay(MELBOURNE).toInstant();
    }

    public long cctvEvents() {
        return Math.max(1, rows / 10);
    }

    public long incidents() {
        return Math.max(1, rows / 100);
    }

    public long ways() {
        return Math.min(MAX_WAYS, Math.max(10, rows / 100));
    }

    /** Hours in a Melbourne calendar day: 23, 24 or 25. */
    public static long hoursIn(LocalDate day) {
        return Duration.between(day.atStartOfDay(MELBOURNE), day.plusDays(1).atStartOfDay(MELBOURNE)).toHours();
    }
}
