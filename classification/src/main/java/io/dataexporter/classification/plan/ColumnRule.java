package io.dataexporter.classification.plan;

import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.PiiType;
import io.dataexporter.classification.policy.Treatment;
import java.util.Optional;

/**
 * A validated {@code data_column_classification} row; {@code column} is spelled as the warehouse spells it.
 *
 * @param contentOf for a compressed column, the twin whose rule this is (see {@link CompressedTwins}); empty otherwise
 * @param expands   whether the column is exported gunzipped under its name without {@code _compressed}
 */
record ColumnRule(String column, Classification classification, Optional<Treatment> treatment, Optional<PiiType> piiType,
                  Optional<String> contentOf, boolean expands) {

    ColumnRule(String column, Classification classification, Optional<Treatment> treatment, Optional<PiiType> piiType) {
        this(column, classification, treatment, piiType, Optional.empty(), false);
    }

    /** The treatment for handle-with-care cells: the rule's, or HASH by default. */
    Treatment hwcTreatment() {
        return treatment.orElse(Treatment.HASH);
    }

    boolean isFreeText() {
        return piiType.orElse(null) == PiiType.FREE_TEXT;
    }

    /** A PII column other than free text: never in clear. */
    boolean isIdentifyingPii() {
        return piiType.isPresent() && !isFreeText();
    }
}
