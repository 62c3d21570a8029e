package io.dataexporter.classification.transform;

import static org.apache.spark.sql.functions.unbase64;

import io.dataexporter.classification.policy.HashKey;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The Spark functions the treatments use ({@code io.dataexporter.classification.treatment}). UDFs where built-ins cannot do it, or not in one pass: gunzip (Spark has
 * none), the keyed hash (its key must stay out of the plan), PII scrubbing (phone numbers need libphonenumber) and masking
 * (one pass over the text instead of four regular-expression passes).
 */
public final class Treatments {

    private static final UserDefinedFunction GUNZIP = functions.udf(new GunzipFunction(), DataTypes.StringType).withName("de_gunzip");
    private static final UserDefinedFunction REDACT = functions.udf((UDF1<String, String>) Masking::redact, DataTypes.StringType).withName("de_redact");
    private static final UserDefinedFunction SHOW_LAST_4 = functions.udf((UDF1<String, String>) Masking::showLast4, DataTypes.StringType)
            .withName("de_show_last_4");
    private static final UserDefinedFunction SHOW_FIRST_4 = functions.udf((UDF1<String, String>) Masking::showFirst4, DataTypes.StringType)
            .withName("de_show_first_4");
    private static final UserDefinedFunction SCRUB = functions.udf(new ScrubFunction(), DataTypes.StringType).withName("de_scrub_pii");

    /** The scrubber once per value: free text repeats (templated messages), and scrubbing is the costliest treatment per cell. */
    private static final class ScrubFunction implements UDF1<String, String> {
        private static final long serialVersionUID = 1L;
        private transient ValueCache cache;

        @Override
        public String call(String text) {
            if (cache == null) {
                cache = new ValueCache(PiiScrubber::scrub);
            }
            return cache.apply(text);
        }
    }

    private Treatments() {
    }

    /**
     * Keyed hash: HMAC-SHA256 of the value's text under the key derived from the pepper, as 64 hex digits. NULL stays
     * NULL. A UDF, because the key must not appear in the plan: built-ins would need it as a literal, and plans are
     * shown in the Spark UI and written to event logs.
     */
    public static Column hash(Column value, HashKey key) {
        return functions.udf(new KeyedHashFunction(key), DataTypes.StringType).withName("de_keyed_hash").apply(value.cast(DataTypes.StringType));
    }

    /** {@code REDACT}: every letter and digit of any script masked, combining marks dropped; see {@link Masking}. One pass over the text. */
    public static Column redact(Column text) {
        return REDACT.apply(text);
    }

    /** All but the last four characters redacted; a value of four characters or fewer is redacted whole. */
    public static Column showLast4(Column text) {
        return SHOW_LAST_4.apply(text);
    }

    /** All but the first four characters redacted; a value of four characters or fewer is redacted whole. */
    public static Column showFirst4(Column text) {
        return SHOW_FIRST_4.apply(text);
    }

    /** Personal information inside a text replaced by placeholders: see {@link PiiScrubber}. A UDF: phone numbers need libphonenumber. */
    public static Column scrubFreeText(Column text) {
        return SCRUB.apply(text.cast(DataTypes.StringType));
    }

    /** base64 GZIP text back to the text: how long geometries come out of their {@code *_compressed} columns. */
    public static Column expandGzip(Column compressed) {
        return GUNZIP.apply(unbase64(compressed));
    }

}
