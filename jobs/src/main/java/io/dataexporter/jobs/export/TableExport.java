package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.jobs.iceberg.PartitionCommit;
import java.util.List;

/** One successful attempt: the committed partition, the policy it was exported under and every column's fate. */
public record TableExport(PartitionCommit commit, String policyVersion, List<ColumnFate> columnFates) {
}
