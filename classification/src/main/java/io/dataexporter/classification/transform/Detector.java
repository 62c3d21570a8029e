package io.dataexporter.classification.transform;

/** One family of personal information the scrubber finds: a cheap check on the text's profile first, then the search. */
interface Detector {

    /** Whether the text can hold a find at all; when not, {@link #replace} is not run. */
    boolean mayFind(TextProfile profile);

    /** The text with each find replaced by its placeholder; the same instance when there is none. */
    String replace(String text);
}
