package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.jobs.iceberg.PartitionCommit;
import java.util.List;

/** One successful attempt: the committed partition and the policy it was exported under. */
public record TableExport(PartitionCommit commit, String policyVersion, List<ColumnFate> withheldColumns) {
}
