package io.dataexporter.classification.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Kinds of personal information. A column with one is never exported in clear. */
public enum PiiType {
    PERSON_NAME, EMAIL, PHONE, PLATE, DEVICE_ID, IP_ADDRESS, FREE_TEXT;

    public static final String EXPECTED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    public static Optional<PiiType> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String normalized = code.strip().toUpperCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.name().equals(normalized)).findFirst();
    }
}
