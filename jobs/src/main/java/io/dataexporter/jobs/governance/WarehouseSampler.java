package io.dataexporter.jobs.governance;

import io.dataexporter.classification.plan.TablePlan;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What the governance scan asks of the warehouse, over a table's window: counts of rows a long table's query leaves out,
 * the values of a column with their row counts, and a sample of a column's cells. Answers are read by the job only.
 */
public interface WarehouseSampler {

    /** A value of a column (NULL as null) and its rows in the window. */
    record ValueCount(String value, long rows) {
    }

    /** The rows of de metrics and of metrics no rule names, which the export's query leaves in the warehouse. */
    Map<String, Long> filteredRows(TablePlan plan) throws SQLException;

    /** The most frequent values of a column (trimmed, upper case), most rows first, at most {@code limit}. */
    List<ValueCount> valueCounts(TablePlan plan, String column, int limit) throws SQLException;

    /** Up to {@code rows} non-NULL cells of a text column, as the warehouse returns them ({@code LIMIT}). */
    List<String> sample(TablePlan plan, String column, int rows) throws SQLException;
}
