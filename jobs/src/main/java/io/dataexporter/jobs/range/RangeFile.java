package io.dataexporter.jobs.range;

/** One file of a range export: its S3 URL, size and row count, as the Redshift-style manifest lists it. */
public record RangeFile(String url, long contentLength, long recordCount) {
}
