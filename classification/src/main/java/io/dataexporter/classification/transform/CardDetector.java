package io.dataexporter.classification.transform;

import java.util.List;

/**
 * Payment-card numbers {@code <CARD>} and IMEIs {@code <DEVICE_ID>} inside runs of digit groups: the longest window of
 * whole groups, leftmost first, that holds 13 to 19 digits, passes the Luhn check and is grouped as cards are (one
 * group; fours with a shorter last; 4-6-5 or 4-6-4), so that a card next to other numbers ("Paid 50 4111 ...",
 * "... 1111 12/26") is found and the numbers stay.
 */
final class CardDetector implements Detector {

    private static final java.util.regex.Pattern NO_CUE = java.util.regex.Pattern.compile("$^");

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.longestRun() >= 13;
    }

    @Override
    public String replace(String text) {
        return DigitRuns.replace(text, groups -> {
            // a card has at most 19 digits, so at most 19 groups
            for (int length = Math.min(groups.size(), 19); length >= 1; length--) {
                for (int from = 0; from + length <= groups.size(); from++) {
                    List<String> window = groups.subList(from, from + length);
                    String number = String.join("", window);
                    if (number.length() >= 13 && number.length() <= 19 && cardGrouping(window) && CheckDigits.luhnValid(number)) {
                        boolean imei = number.length() == 15 && length == 1 && !number.startsWith("34") && !number.startsWith("37");
                        return new DigitRuns.Find(from, from + length, imei ? Placeholder.DEVICE_ID : Placeholder.CARD);
                    }
                }
            }
            return null;
        }, NO_CUE);
    }

    // One group; fours (4-4-4-4, and 4-4-4-4-3 for 19 digits or 4-4-4-1 for 13); or American Express's 4-6-5 and Diners' 4-6-4.
    private static boolean cardGrouping(List<String> groups) {
        if (groups.size() == 1) {
            return true;
        }
        List<Integer> sizes = groups.stream().map(String::length).toList();
        if (sizes.equals(List.of(4, 6, 5)) || sizes.equals(List.of(4, 6, 4)) || sizes.equals(List.of(4, 4, 4, 4, 3)) || sizes.equals(List.of(4, 4, 4, 1))) {
            return true;
        }
        return sizes.stream().allMatch(size -> size == 4);
    }

}
