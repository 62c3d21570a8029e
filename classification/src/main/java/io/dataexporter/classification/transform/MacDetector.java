package io.dataexporter.classification.transform;

import java.util.regex.Pattern;

/** MAC addresses {@code <DEVICE_ID>}: six hex pairs between colons or hyphens, the same separator throughout. */
final class MacDetector implements Detector {

    private static final Pattern MAC = Pattern.compile("(?<![0-9A-Fa-f:.-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])");

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.colons() >= 5 || profile.hyphen();
    }

    @Override
    public String replace(String text) {
        return MAC.matcher(text).replaceAll(Placeholder.DEVICE_ID.text());
    }
}
