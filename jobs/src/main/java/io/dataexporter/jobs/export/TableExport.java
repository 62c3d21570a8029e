package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.jobs.iceberg.PartitionCommit;
import java.util.List;

/**
 * One successful attempt: the committed partition, the policy it was exported under, every column's fate, and the
 * cells withheld by reason (empty when the counts did not arrive), and the governance scan's report (findings, rows
 * filtered by reason).
 */
public record TableExport(PartitionCommit commit, String policyVersion, List<ColumnFate> columnFates, java.util.Optional<java.util.Map<String, Long>> withheldCells,
                          io.dataexporter.jobs.governance.PolicyScan.Report scan) {
}
