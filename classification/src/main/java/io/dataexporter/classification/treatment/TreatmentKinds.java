package io.dataexporter.classification.treatment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every treatment, in one list: parsing, the list of expected codes and validation are derived from it. */
public final class TreatmentKinds {

    /** The treatments; a new one is its class and its line here. */
    public static final List<TreatmentKind> ALL = List.of(
            new Hash(),
            new Redact(),
            new ShowLast4(),
            new ShowFirst4(),
            new Nullify(),
            new Round(),
            new Truncate(),
            new YearOnly(),
            new ExpandGzip(),
            new Bucket());

    /** The codes as a policy writes them, for error messages: {@code HASH, ..., ROUND(n), ...}. */
    public static final String EXPECTED = ALL.stream().map(kind -> kind.code() + (kind.argument().isNone() ? "" : "(" + kind.argument().syntax() + ")"))
            .collect(Collectors.joining(", "));

    private TreatmentKinds() {
    }

    /** The treatment of a code (without its argument), matched in upper case. */
    public static Optional<TreatmentKind> byCode(String code) {
        String normalized = code.strip().toUpperCase(Locale.ROOT);
        return ALL.stream().filter(kind -> kind.code().equals(normalized)).findFirst();
    }

    /** The treatment of a code that must exist (the product's own uses: HASH, EXPAND_GZIP). */
    public static TreatmentKind of(String code) {
        return byCode(code).orElseThrow(() -> new IllegalArgumentException("no treatment " + code));
    }
}
