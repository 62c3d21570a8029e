package io.dataexporter.classification.policy;

import java.util.Arrays;
import java.util.Optional;

/** The four classification codes. Anything without one is treated as {@link #DE}. */
public enum Classification {
    /** No restrictions: the value is exported. */
    NR("nr"),
    /** Mixed: depends on the row's source. */
    MX("mx"),
    /** Do not export. */
    DE("de"),
    /** Handle with care: exported with a treatment. */
    HWC("hwc");

    public static final String EXPECTED = "nr, mx, de, hwc";

    private final String code;

    Classification(String code) {
        this.code = code;
    }

    public String code() {
        return code;
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
