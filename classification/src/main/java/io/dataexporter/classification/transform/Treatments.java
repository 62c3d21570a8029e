package io.dataexporter.classification.transform;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.unbase64;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.Treatment;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Each treatment as a Spark Column expression over built-ins; only gunzip, which Spark lacks, is a UDF. */
public final class Treatments {

    static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";
    static final String IP = "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b";
    static final String PHONE = "(?<![\\w+])\\+?\\d(?:[ -]?\\d){7,13}(?!\\w)";
    static final String PLATE = "(?i)\\b(?:[A-Z]{3}[ -]?\\d{3}|\\d[A-Z]{2}[ -]?\\d[A-Z]{2})\\b";

    private static final UserDefinedFunction GUNZIP = functions.udf(new GunzipFunction(), DataTypes.StringType);

    private Treatments() {
    }

    /** The column with {@code treatment} applied; {@code type} is the column's warehouse type. */
    public static Column apply(Treatment treatment, Column value, DataType type, HashKey key) {
        return switch (treatment.kind()) {
            case HASH -> hash(value, key);
            case REDACT -> redact(value.cast(DataTypes.StringType));
            case SHOW_LAST_4 -> showLast4(value.cast(DataTypes.StringType));
            case SHOW_FIRST_4 -> showFirst4(value.cast(DataTypes.StringType));
            case NULLIFY -> lit(null).cast(type);
            case ROUND -> functions.round(value, treatment.digits());
            case TRUNCATE -> truncate(value, type, treatment.argument());
            case YEAR_ONLY -> DataTypes.DateType.equals(type) ? trunc(value, "year") : date_trunc("year", value);
            case EXPAND_GZIP -> expandGzip(value);
        };
    }

    /** Keyed hash: HMAC-SHA256 of the value's text under the key derived from the pepper, as 64 hex digits. NULL stays NULL. */
    public static Column hash(Column value, HashKey key) {
        Column message = value.cast(DataTypes.StringType).cast(DataTypes.BinaryType);
        Column inner = unhex(sha2(concat(lit(key.innerPad()), message), 256));
        return sha2(concat(lit(key.outerPad()), inner), 256);
    }

    /** Letters become x or X, digits 0; everything else stays. */
    public static Column redact(Column text) {
        Column lower = regexp_replace(text, "\\p{Ll}", "x");
        Column upper = regexp_replace(lower, "[\\p{Lu}\\p{Lt}]", "X");
        return regexp_replace(upper, "\\p{Nd}", "0");
    }

    /** All but the last four characters redacted; a value of four characters or fewer is redacted whole. */
    public static Column showLast4(Column text) {
        Column head = text.substr(lit(1), length(text).minus(4));
        Column tail = text.substr(length(text).minus(3), lit(4));
        return when(length(text).gt(4), concat(redact(head), tail)).otherwise(redact(text));
    }

    /** All but the first four characters redacted; a value of four characters or fewer is redacted whole. */
    public static Column showFirst4(Column text) {
        Column head = text.substr(lit(1), lit(4));
        Column tail = text.substr(lit(5), length(text));
        return when(length(text).gt(4), concat(head, redact(tail))).otherwise(redact(text));
    }

    /** E-mail addresses, IP addresses, phone numbers and vehicle plates inside a text replaced by placeholders. */
    public static Column scrubFreeText(Column text) {
        Column noEmail = regexp_replace(text.cast(DataTypes.StringType), EMAIL, "<EMAIL>");
        Column noIp = regexp_replace(noEmail, IP, "<IP>");
        Column noPhone = regexp_replace(noIp, PHONE, "<PHONE>");
        return regexp_replace(noPhone, PLATE, "<PLATE>");
    }

    /** base64 GZIP text back to the text: how long geometries come out of their {@code *_compressed} columns. */
    public static Column expandGzip(Column compressed) {
        return GUNZIP.apply(unbase64(compressed));
    }

    private static Column truncate(Column value, DataType type, String unit) {
        if (DataTypes.DateType.equals(type)) {
            return value;
        }
        return date_trunc(unit, value);
    }
}
