package io.dataexporter.classification.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A treatment applied to a handle-with-care cell.
 *
 * @param kind     what is done
 * @param argument the digits of {@code ROUND(n)} or the unit of {@code TRUNCATE(unit)}; otherwise empty
 */
public record Treatment(Kind kind, String argument) {

    public static final String EXPECTED = "HASH, REDACT, SHOW_LAST_4, SHOW_FIRST_4, NULLIFY, ROUND(n), TRUNCATE(hour|day), YEAR_ONLY, EXPAND_GZIP";
    public static final Treatment HASH = new Treatment(Kind.HASH, "");

    private static final Pattern WITH_ARGUMENT = Pattern.compile("([A-Z_0-9]+)\\s*\\(\\s*([^)]*?)\\s*\\)");

    /** The treatments. */
    public enum Kind {
        HASH(true), REDACT(true), SHOW_LAST_4(true), SHOW_FIRST_4(true), NULLIFY(true),
        ROUND(false), TRUNCATE(false), YEAR_ONLY(false), EXPAND_GZIP(false);

        private final boolean masksIdentity;

        Kind(boolean masksIdentity) {
            this.masksIdentity = masksIdentity;
        }

        /** Whether the treatment hides who or what a value identifies, so that it may stand for a PII column's protection. */
        public boolean masksIdentity() {
            return masksIdentity;
        }
    }

    public Treatment {
        if (kind == null) {
            throw new IllegalArgumentException("Treatment kind is required");
        }
        argument = argument == null ? "" : argument;
    }

    /**
     * Parses a treatment code such as {@code HASH}, {@code ROUND(3)} or {@code TRUNCATE(hour)}.
     *
     * @return empty if the code names no treatment; a {@link Treatment} otherwise, whose argument is
     *     still to be checked with {@link #argumentProblem()}
     */
    public static Optional<Treatment> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String normalized = code.strip().toUpperCase(Locale.ROOT);
        Matcher matcher = WITH_ARGUMENT.matcher(normalized);
        String name = matcher.matches() ? matcher.group(1) : normalized;
        String argument = matcher.matches() ? matcher.group(2) : "";
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(name) && (argument.isEmpty() == !takesArgument(kind))) {
                return Optional.of(new Treatment(kind, argument.toLowerCase(Locale.ROOT)));
            }
        }
        return Optional.empty();
    }

    /** What is wrong with the argument, if anything: e.g. {@code ROUND(x)}. */
    public Optional<String> argumentProblem() {
        if (kind == Kind.ROUND && !argument.matches("-?\\d{1,2}")) {
            return Optional.of("ROUND(n) needs a whole number of digits, e.g. ROUND(3)");
        }
        if (kind == Kind.TRUNCATE && !argument.equals("hour") && !argument.equals("day")) {
            return Optional.of("TRUNCATE(unit) needs the unit hour or day, e.g. TRUNCATE(hour)");
        }
        return Optional.empty();
    }

    public int digits() {
        return Integer.parseInt(argument);
    }

    @Override
    public String toString() {
        return takesArgument(kind) ? kind + "(" + argument + ")" : kind.name();
    }

    private static boolean takesArgument(Kind kind) {
        return kind == Kind.ROUND || kind == Kind.TRUNCATE;
    }
}
