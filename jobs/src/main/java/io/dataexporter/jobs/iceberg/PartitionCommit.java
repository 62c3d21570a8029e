package io.dataexporter.jobs.iceberg;

import java.util.List;

/** The result of replacing one partition: the files it now holds (sorted by path) and the snapshot that made it so. */
public record PartitionCommit(String icebergTable, long snapshotId, List<DataFileEntry> files) {

    public PartitionCommit {
        files = List.copyOf(files);
    }

    public long rows() {
        return files.stream().mapToLong(DataFileEntry::rows).sum();
    }

    public long bytes() {
        return files.stream().mapToLong(DataFileEntry::bytes).sum();
    }
}
