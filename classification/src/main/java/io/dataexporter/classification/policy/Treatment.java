package io.dataexporter.classification.policy;

import io.dataexporter.classification.treatment.TreatmentKind;
import io.dataexporter.classification.treatment.TreatmentKinds;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A treatment applied to a handle-with-care cell, as a policy row writes it.
 *
 * @param kind     what is done (see {@link TreatmentKinds#ALL})
 * @param argument the argument, e.g. the digits of {@code ROUND(n)} or the unit of {@code TRUNCATE(unit)}; otherwise empty
 */
public record Treatment(TreatmentKind kind, String argument) {

    public static final String EXPECTED = TreatmentKinds.EXPECTED;
    public static final Treatment HASH = new Treatment(TreatmentKinds.of("HASH"), "");

    private static final Pattern WITH_ARGUMENT = Pattern.compile("([A-Z_0-9]+)\\s*\\(\\s*([^)]*?)\\s*\\)");

    public Treatment {
        if (kind == null) {
            throw new IllegalArgumentException("Treatment kind is required");
        }
        argument = argument == null ? "" : argument;
    }

    /**
     * Parses a treatment code such as {@code HASH}, {@code ROUND(3)} or {@code TRUNCATE(hour)}.
     *
     * @return empty if the code names no treatment (or gives an argument to one that takes none, or none to one that
     *     takes one); a {@link Treatment} otherwise, whose argument is still to be checked with {@link #argumentProblem()}
     */
    public static Optional<Treatment> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String normalized = code.strip().toUpperCase(Locale.ROOT);
        Matcher matcher = WITH_ARGUMENT.matcher(normalized);
        String name = matcher.matches() ? matcher.group(1) : normalized;
        String argument = matcher.matches() ? matcher.group(2) : "";
        return TreatmentKinds.byCode(name).filter(kind -> argument.isEmpty() == kind.argument().isNone())
                .map(kind -> new Treatment(kind, argument.toLowerCase(Locale.ROOT)));
    }

    /** What is wrong with the argument, if anything: e.g. {@code ROUND(x)}. */
    public Optional<String> argumentProblem() {
        return kind.argument().isNone() ? Optional.empty() : kind.argument().problemWith(argument);
    }

    /** Whether this is the treatment of that code. */
    public boolean is(String code) {
        return kind.code().equals(code);
    }

    @Override
    public String toString() {
        return kind.argument().isNone() ? kind.code() : kind.code() + "(" + argument + ")";
    }
}
