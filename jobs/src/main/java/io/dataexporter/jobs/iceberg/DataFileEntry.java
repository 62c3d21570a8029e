package io.dataexporter.jobs.iceberg;

/** One committed Parquet file of a partition: where it is, its rows and its size. */
public record DataFileEntry(String path, long rows, long bytes) {
}
