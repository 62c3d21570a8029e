package io.dataexporter.classification.policy;

import java.util.Arrays;
import java.util.Optional;

/** The four classification codes. Anything without one is treated as {@link #DE}. */
public enum Classification {
    /** No restrictions: the value is exported. */
    NR("nr", 0),
    /** Mixed: depends on the row's source. */
    MX("mx", 1),
    /** Do not export. */
    DE("de", 2),
    /** Handle with care: exported with a treatment. */
    HWC("hwc", 3);

    public static final String EXPECTED = "nr, mx, de, hwc";

    private final String code;
    private final int number;

    Classification(String code, int number) {
        this.code = code;
        this.number = number;
    }

    public String code() {
        return code;
    }

    /**
     * The number the warehouse query returns for a row's source or metric class (explicit, never the enum's ordinal:
     * reordering the constants changes nothing the query means).
     */
    public int number() {
        return number;
    }

    /** The classification for a code, matched after trimming and lower-casing; empty if unknown. */
    public static Optional<Classification> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String normalized = code.strip().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.code.equals(normalized)).findFirst();
    }
}
