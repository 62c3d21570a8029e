package io.dataexporter.classification.plan;

import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.PiiType;
import io.dataexporter.classification.policy.Treatment;
import java.util.Optional;

/** A validated {@code data_column_classification} row. */
record ColumnRule(String column, Classification classification, Optional<Treatment> treatment, Optional<PiiType> piiType) {

    /** The treatment for handle-with-care cells: the rule's, or HASH by default. */
    Treatment hwcTreatment() {
        return treatment.orElse(Treatment.HASH);
    }
}
