package io.dataexporter.classification.treatment;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The argument of a treatment, as in {@code ROUND(3)}: its syntax in the list of expected treatments, the shape it
 * must have, and the problem an argument of another shape is.
 *
 * @param syntax  how it is written in {@link TreatmentKinds#EXPECTED}, e.g. {@code n}; empty for none
 * @param shape   the values it accepts (after lower-casing)
 * @param problem what a value of another shape is told
 */
public record Argument(String syntax, Pattern shape, String problem) {

    /** No argument. */
    public static final Argument NONE = new Argument("", Pattern.compile(""), "");

    public boolean isNone() {
        return syntax.isEmpty();
    }

    /** What is wrong with this value of the argument, if anything. */
    public Optional<String> problemWith(String value) {
        return shape.matcher(value).matches() ? Optional.empty() : Optional.of(problem);
    }
}
