package io.dataexporter.classification.transform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers {@code <PHONE>}: by Google's libphonenumber with Australia as the default region (international forms
 * whose length is possible for their country, national forms that are valid numbers), any number dialled the Australian
 * national way (failing closed), and, among other numbers, the windows of digit groups that are dialled as phones are.
 */
final class PhoneDetector implements Detector {

    static final String DEFAULT_REGION = "AU";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.longestRun() >= 5;
    }

    // libphonenumber's search is costly on long text, so it is given each stretch that can hold a phone number: a run of 5
    // digits or more with separators between, and the separators, pluses and brackets before it. What it finds there is
    // replaced as in the whole text.
    @Override
    public String replace(String text) {
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < text.length()) {
            if (!Character.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            int digits = 0;
            for (int j = i; j < text.length() && (Character.isDigit(text.charAt(j)) || TextProfile.NUMBER_SEPARATORS.indexOf(text.charAt(j)) >= 0); j++) {
                if (Character.isDigit(text.charAt(j))) {
                    digits++;
                    end = j + 1;
                }
            }
            if (digits >= 5 && !isDecimalNumber(text, i, end)) {
                int start = i;
                while (start > last && (TextProfile.NUMBER_SEPARATORS.indexOf(text.charAt(start - 1)) >= 0 || text.charAt(start - 1) == '\uFF0B')) {
                    start--;
                }
                String stretch = text.substring(start, end);
                String scrubbed = isValidNationalNumber(text, i, end) ? text.substring(start, i) + Placeholder.PHONE.text() : phonesIn(stretch);
                if (scrubbed.equals(stretch)) {
                    scrubbed = phoneWindows(stretch, text.substring(Math.max(0, start - 24), start));
                }
                if (!scrubbed.equals(stretch)) {
                    out = out == null ? new StringBuilder(text.length()) : out;
                    out.append(text, last, start).append(scrubbed);
                    last = end;
                }
            }
            i = end;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    // A number with one decimal point and a long fraction (a coordinate such as 145.140547, a measure) is no phone number
    // unless a cue word ("call", "phone", ...) stands before it: phones are written with several groups, not one point.
    private static final Pattern DECIMAL_NUMBER = Pattern.compile("\\d{1,3}\\.\\d{4,}");

    private static boolean isDecimalNumber(String text, int start, int end) {
        return DECIMAL_NUMBER.matcher(text).region(start, end).matches() && !PHONE_CUE.matcher(text.substring(Math.max(0, start - 24), start)).find();
    }

    private static final Pattern PHONE_CUE = Pattern.compile("(?i)(?:call(?:ed)?|phone|ph|tel|mob(?:ile)?|landline|contact|ring|sms|text)\\b[\\s:.#]*(?:on\\s+|at\\s+)?$");
    private static final List<String> NATIONAL_REGIONS = List.of("AU", "GB", "US", "NZ");

    /**
     * Phone numbers among other numbers of one stretch ("Called 0412 345 678 3 times", "Units 12 0412 345 678"), and the
     * national forms of other countries: the longest window of whole digit groups, leftmost first, that is an Australian
     * number as dialled, an international number dialled with 00, a valid national number of the UK, the US or New Zealand,
     * a North American number written (ddd) ddd-dddd or ddd-ddd-dddd, or, after a cue word ("call", "phone", "tel", ...),
     * an Australian landline without its area code (dddd dddd).
     */
    private static String phoneWindows(String stretch, String before) {
        List<int[]> groups = new java.util.ArrayList<>();
        Matcher digits = DIGITS.matcher(stretch);
        while (digits.find()) {
            groups.add(new int[] {digits.start(), digits.end()});
        }
        // first the forms whose length is fixed (Australian, 00-dialled, North American, local after a cue), then the national
        // numbers of other countries; each time windows ending in a group of 3 digits or more first (a lone "3" after a number
        // is a count, not its last digit), longest first
        for (int pass = 0; pass < 4; pass++) {
            boolean regions = pass >= 2;
            boolean shortEnd = pass % 2 == 1;
            for (int length = Math.min(6, groups.size()); length >= 1; length--) {
                for (int from = 0; from + length <= groups.size(); from++) {
                    int start = groups.get(from)[0];
                    int end = groups.get(from + length - 1)[1];
                    if (!shortEnd && end - groups.get(from + length - 1)[0] < 3) {
                        continue;
                    }
                    String window = stretch.substring(start, end);
                    if (window.indexOf('/') >= 0) {
                        continue; // a slash separates dates and fractions, not the groups of one phone number
                    }
                    String number = window.replaceAll("\\D", "");
                    boolean bracketed = start > 0 && stretch.charAt(start - 1) == '(' && stretch.indexOf(')', start) > 0 && stretch.indexOf(')', start) < end;
                    String cueText = from == 0 ? before + stretch.substring(0, start) : "";
                    if (regions ? isNationalOfRegion(number, length) : isPhoneWindow(window, number, length, bracketed, cueText)) {
                        int replaceFrom = bracketed ? start - 1 : start;
                        return stretch.substring(0, replaceFrom) + Placeholder.PHONE.text() + stretch.substring(end);
                    }
                }
            }
        }
        return stretch;
    }

    private static boolean isPhoneWindow(String window, String number, int groups, boolean bracketed, String before) {
        if (number.length() < 8 || number.length() > 15) {
            return false;
        }
        if (hasNationalShape(window)) {
            return true;
        }
        if (number.startsWith("00") && !number.startsWith("000") && number.length() >= 10) {
            try {
                return PHONES.isPossibleNumber(PHONES.parse("+" + number.substring(2), DEFAULT_REGION));
            } catch (NumberParseException e) {
                return false;
            }
        }
        // North American written forms: (ddd) ddd-dddd, ddd-ddd-dddd, ddd.ddd.dddd
        if (number.length() == 10 && groups == 3 && window.matches("\\d{3}\\)?[ .-]\\d{3}[.-]\\d{4}") && (bracketed || !window.contains(" "))) {
            return true;
        }
        if (number.length() == 8 && groups == 2 && window.matches("[2-9]\\d{3}[ -]\\d{4}")) {
            return PHONE_CUE.matcher(before).find();
        }
        return false;
    }

    private static boolean isNationalOfRegion(String number, int groups) {
        if (number.length() < 8 || number.length() > 12 || !number.startsWith("0") || number.startsWith("00") || groups < 2) {
            return false;
        }
        for (String region : NATIONAL_REGIONS) {
            try {
                if (PHONES.isValidNumberForRegion(PHONES.parse(number, region), region)) {
                    return true;
                }
            } catch (NumberParseException e) {
                // not a number of that region
            }
        }
        return false;
    }

    // International forms (+...) count when their length is possible for the country; national ones only when valid
    // numbers of the default region, so that dates, times and counts stay.
    // libphonenumber gives up on "(+1 ...", so the bracket before a plus is blanked (same length, same offsets), and a
    // match keeps an opening bracket of the text that it does not close.
    // The common case without the search: a national number as dialled, 0 first, digits with single spaces or hyphens
    // between, nothing but a space before it, valid as a whole in the default region. Anything else is left to the search.
    private static boolean isValidNationalNumber(String text, int start, int end) {
        if (text.charAt(start) != '0' || start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean separator = (c == ' ' || c == '-') && text.charAt(i - 1) >= '0' && text.charAt(i - 1) <= '9';
            if (!(c >= '0' && c <= '9') && !separator) {
                return false;
            }
        }
        if (hasNationalShape(text.substring(start, end))) {
            return true;
        }
        try {
            return isValid(PHONES.parse(text.substring(start, end), DEFAULT_REGION));
        } catch (NumberParseException e) {
            return false;
        }
    }

    // Fail closed: a number dialled the Australian national way (0, then 2, 3, 4, 7 or 8, then eight more digits: landline
    // and mobile numbers) is a phone number even where libphonenumber's metadata calls its range unallocated or reserved.
    // Ranges get allocated after the metadata was built, and a mobile range libphonenumber does not know still reaches a person.
    static boolean hasNationalShape(String dialled) {
        int digits = 0;
        char second = 0;
        for (int i = 0; i < dialled.length(); i++) {
            char c = dialled.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 0 && c != '0') {
                    return false;
                }
                second = digits == 1 ? c : second;
                digits++;
            }
        }
        return digits == 10 && "23478".indexOf(second) >= 0;
    }

    // isValidNumber, asking for the default region first: valid there is what most numbers are, and the full check
    // looks up the number's region before asking the same of it.
    private static boolean isValid(Phonenumber.PhoneNumber number) {
        return PHONES.isValidNumberForRegion(number, DEFAULT_REGION) || PHONES.isValidNumber(number);
    }

    private static String phonesIn(String text) {
        StringBuilder out = new StringBuilder();
        int last = 0;
        // "(+" and a trunk zero in brackets after a country code ("+44 (0)20 ...") stop libphonenumber: blanked, same length
        String probe = text.replace("(+", " +").replaceAll("(\\+\\d{1,3}\\s?)\\(0\\)", "$1   ");
        for (PhoneNumberMatch match : PHONES.findNumbers(probe, DEFAULT_REGION, Leniency.POSSIBLE, Long.MAX_VALUE)) {
            String raw = match.rawString();
            int start = match.start();
            while (raw.startsWith("(") && raw.indexOf(')') < 0) {
                raw = raw.substring(1);
                start++;
            }
            boolean international = raw.startsWith("+") || raw.startsWith("\uFF0B");
            if (international || isValid(match.number()) || hasNationalShape(raw)) {
                out.append(text, last, start).append(Placeholder.PHONE.text());
                last = match.end();
            }
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }

}
