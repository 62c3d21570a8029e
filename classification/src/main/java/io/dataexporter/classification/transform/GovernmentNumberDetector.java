package io.dataexporter.classification.transform;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Australian tax file numbers (9 digits, 3-3-3 or one group, weights 1 4 3 7 5 8 6 9 10, sum divisible by 11) and
 * Medicare numbers (10 digits and an optional issue number, 4-5-1 or one group, first digit 2 to 6, the 9th digit the
 * weighted sum of the first 8 modulo 10) {@code <GOV_ID>}; a single group counts only after a cue ("TFN", "tax file",
 * "Medicare"). The number is a whole run of digit groups, not one after a '+' (an international phone number's country
 * code).
 */
final class GovernmentNumberDetector implements Detector {

    private static final Pattern CUE = Pattern.compile("(?i)(?:tfn|tax file(?: number| no\\.?)?|medicare(?: card| number| no\\.?)?)[\\s:#.]*$");

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.longestRun() >= 8;
    }

    @Override
    public String replace(String text) {
        return DigitRuns.replace(text, groups -> {
            List<Integer> sizes = groups.stream().map(String::length).toList();
            String number = String.join("", groups);
            boolean tfnShape = sizes.equals(List.of(3, 3, 3)) || sizes.equals(List.of(9));
            boolean medicareShape = sizes.equals(List.of(4, 5, 1)) || sizes.equals(List.of(4, 5, 1, 1)) || sizes.equals(List.of(10))
                    || sizes.equals(List.of(11));
            if (tfnShape && CheckDigits.tfnValid(number) || medicareShape && CheckDigits.medicareValid(number)) {
                return new DigitRuns.Find(0, groups.size(), Placeholder.GOV_ID, groups.size() == 1);
            }
            return null;
        }, CUE);
    }
}
