package io.dataexporter.classification.transform;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the scrubber puts where it found personal information, and the pii_type a column holding it would be given. */
public enum Placeholder {
    EMAIL("EMAIL"),
    PHONE("PHONE"),
    CARD("FREE_TEXT"),
    IP("IP_ADDRESS"),
    PLATE("PLATE"),
    DEVICE_ID("DEVICE_ID"),
    GOV_ID("FREE_TEXT");

    /** Any placeholder in a scrubbed text; group 1 is its name. */
    public static final Pattern ANY = Pattern.compile("<(" + String.join("|", Arrays.stream(values()).map(Enum::name).toList()) + ")>");

    private final String piiType;

    Placeholder(String piiType) {
        this.piiType = piiType;
    }

    /** The text put in place of a find: {@code <EMAIL>}. */
    public String text() {
        return "<" + name() + ">";
    }

    /** The pii_type to give a column that holds this (FREE_TEXT, scrubbing, where no pii_type masks it whole). */
    public String piiType() {
        return piiType;
    }

    public static Optional<Placeholder> named(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
