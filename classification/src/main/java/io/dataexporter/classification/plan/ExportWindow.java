package io.dataexporter.classification.plan;

import java.time.Instant;

/** A half-open time range {@code [start, end)} of the time column, in UTC instants. */
public record ExportWindow(Instant start, Instant end) {

    public ExportWindow {
        if (start == null || end == null) {
            throw new IllegalArgumentException("Cannot export: the window needs both a start and an end");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Cannot export: window start " + start + " is not before end " + end);
        }
    }

    /** The instant as a SQL literal that PostgreSQL and Redshift read the same way for timestamptz and UTC-holding timestamp columns. */
    static String sqlLiteral(Instant instant) {
        return "'" + instant.toString().replace('T', ' ').replace("Z", "") + "+00'";
    }
}
