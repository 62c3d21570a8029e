package io.dataexporter.jobs.governance;

/** The kinds of governance finding, by the code manifests, notifications and the run log carry. */
public enum FindingKind {
    /** A column no rule names: withheld until one does. */
    COLUMN_WITHOUT_RULE,
    /** A rule whose column the table no longer has. */
    RULE_WITHOUT_COLUMN,
    /** A treated column whose warehouse type no longer fits its treatment: withheld until mended. */
    TYPE_MISFIT,
    /** A compressed column whose own rule contradicts its twin's: withheld. */
    TWIN_CONFLICT,
    /** A column whose warehouse type differs from the one the previous run exported it with. */
    TYPE_CHANGED,
    /** A source value in the window that no rule names. */
    UNKNOWN_SOURCE,
    /** A metric name in the window that no rule names. */
    UNKNOWN_METRIC,
    /** A text column leaving without a PII treatment whose sample holds PII. */
    PII_IN_CLEAR_COLUMN,
    /** The warehouse could not answer the scan. */
    SCAN_FAILED;

    /** The code: the constant's name in lower case, {@code pii_in_clear_column}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
