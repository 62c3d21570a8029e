package io.dataexporter.jobs.governance;

/**
 * One finding: its kind, the column or value it is about, what was seen, and the fix. It carries no value of a withheld
 * or treated column and no driver message (README: what governance output may contain).
 */
public record Finding(FindingKind kind, String subject, String detail, String fix) {
}
