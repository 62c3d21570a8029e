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
 * Finds personal information inside free text and replaces each find by a placeholder: e-mail addresses
 * ({@code <EMAIL>}, internationalised ones too), IPv6 and IPv4 addresses ({@code <IP>}), payment-card numbers and
 * IMEIs (Luhn-checked; {@code <CARD>}, {@code <DEVICE_ID>}), phone numbers ({@code <PHONE>}, found by libphonenumber
 * with Australia as the default region) and the vehicle plate formats of every Australian state and territory
 * ({@code <PLATE>}). A cheap check first skips what cannot hold any of them (no digit, no {@code @}, fewer than two
 * {@code :}), and each search runs only where that check found what it needs (a long enough run of digits, three
 * dots, a word that can start a plate), so text with nothing to find costs next to nothing. Pure and thread-safe.
 */
public final class PiiScrubber {

    static final String DEFAULT_REGION = "AU";

    private static final String WORD = "\\p{L}\\p{M}\\p{N}";
    // The domain is one character-class run (labels, dots, dashes) before the top-level label, never a repeated group:
    // Java's regex engine recurses once per repetition of a group, so "x@a.a.a...." with thousands of labels would
    // overflow the stack. The run also takes a double dot, which only widens what is scrubbed.
    private static final Pattern EMAIL = Pattern.compile("(?<![" + WORD + "._%+'-])[" + WORD + "._%+'-]+@[" + WORD + "-]+[" + WORD + ".-]*"
            + "\\.(?:[\\p{L}\\p{M}]{2,}|xn--[A-Za-z0-9-]+)(?![" + WORD + "])");
    /** Longest cell the scrubber reads (characters); a longer one is withheld (NULL), never cut or passed through. */
    public static final int MAX_CELL_CHARS = 1 << 20;
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4_ADDRESS = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\p{N}.])" + IPV4_ADDRESS.pattern() + "(?:/\\d{1,2})?(?!\\.?\\p{N})");
    private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![" + WORD + ":.])(?:[0-9A-Fa-f]{0,4}:){2,7}"
            + "(?:" + IPV4_ADDRESS.pattern() + "|[0-9A-Fa-f]{0,4})(?:%[\\w.]+)?(?:/\\d{1,3})?(?![" + WORD + "]|:[0-9A-Fa-f:])");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\p{N}])\\d(?:[ -]?\\d){12,18}(?![\\p{N}])");
    // Plate formats, L a letter, D a digit, - an optional space or hyphen: each in upper case with separators, and (unless
    // it ends in !) in any case without them. Longest first: where formats overlap ("1 ABC 234" holds "ABC 234"), the
    // whole plate is one find.
    static final List<String> PLATE_FORMATS = List.of(
            // WA 1ABC234
            "D-LLL-DDD",
            // SA S123ABC
            "L-DDD-LLL",
            // VIC 1AB2CD
            "D-LL-D-LL",
            // NSW ABC12D, ACT YAB12C
            "LLL-DD-L",
            // NSW AB12CD, NT CA12BC
            "LL-DD-LL",
            // QLD 123AB4 and 123ABC: upper case only, so that "120kph" stays
            "DDD-LL-D!",
            "DDD-LLL!",
            // generic (every state's older series), e.g. ABC 123
            "LLL-DDD",
            // TAS A12BC
            "L-DD-LL");
    // Each format as tried: in upper case with its separators, then (or null) in any case without them.
    private static final String[][] PLATE_FORMS = PLATE_FORMATS.stream().map(format -> new String[] {format.replace("!", ""),
        format.endsWith("!") ? null : format.replace("-", "")}).toArray(String[][]::new);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // What may stand between the digits of one phone, card or device number.
    private static final String NUMBER_SEPARATORS = " -.()/+\u00A0";

    private PiiScrubber() {
    }

    /**
     * The text with every find replaced by its placeholder; NULL stays NULL. A cell longer than {@link #MAX_CELL_CHARS},
     * or one the scrubber cannot finish with (its stack runs out), is withheld: NULL, so that one cell can neither leak
     * nor stop its table.
     */
    public static String scrub(String text) {
        if (text == null || text.length() > MAX_CELL_CHARS) {
            return null;
        }
        try {
            return scrubBounded(text);
        } catch (StackOverflowError e) {
            return null;
        }
    }

    private static String scrubBounded(String text) {
        int digits = 0;
        int longestRun = 0;
        int run = 0;
        boolean at = false;
        int colons = 0;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
                longestRun = Math.max(longestRun, ++run);
            } else if (NUMBER_SEPARATORS.indexOf(c) < 0) {
                run = 0;
            }
            at |= c == '@' || c == '\uFF20';
            colons += c == ':' ? 1 : 0;
            dots += c == '.' ? 1 : 0;
        }
        // an IPv6 address has two colons or more, an IPv4 address three dots
        if (digits == 0 && !at && colons < 2) {
            return text;
        }
        String out = at ? EMAIL.matcher(text).replaceAll("<EMAIL>") : text;
        if (colons >= 2) {
            out = replaceIpv6(out);
        }
        if (digits == 0) {
            return out;
        }
        if (dots >= 3) {
            out = IPV4.matcher(out).replaceAll("<IP>");
        }
        // A card or IMEI is one run of 13 or more digits (spaces and hyphens between), a phone number one of 5 or more
        // (with brackets, dots, slashes or a plus too): text without such a run skips the costly searches.
        if (longestRun >= 13) {
            out = replaceCards(out);
        }
        if (longestRun >= 5) {
            out = replacePhones(out);
        }
        return replacePlates(out);
    }

    /**
     * Each plate replaced, scanning left to right. A plate starts where no letter, mark, number or {@code <} stands
     * before it and ends where none of those or {@code >} follows. At a start, the formats are tried in order (longest
     * first: "1 ABC 234" is one plate, not "ABC 234"): each in upper case with each separator present or not (present
     * first), then, unless it ends in {@code !}, in any case without separators; the first that fits is the plate.
     * This is what the regular expression of the formats finds (the tests hold it to that), without its cost.
     */
    static String replacePlates(String text) {
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < text.length()) {
            if (!isAsciiLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // a word of ASCII letters and digits: only its first character can start a plate
            int wordEnd = i;
            boolean lowerCase = false;
            while (wordEnd < text.length() && isAsciiLetterOrDigit(text.charAt(wordEnd))) {
                lowerCase |= text.charAt(wordEnd) >= 'a';
                wordEnd++;
            }
            int end = plateCanStart(text, i, wordEnd, lowerCase) ? plateEnd(text, i) : -1;
            if (end < 0) {
                i = wordEnd;
                continue;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, last, i).append("<PLATE>");
            last = end;
            i = end;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static int plateEnd(String text, int start) {
        boolean digit = text.charAt(start) <= '9';
        for (String[] forms : PLATE_FORMS) {
            if (forms[0].charAt(0) == 'D' != digit) {
                continue;
            }
            int end = plateEnd(text, start, forms[0], 0, true);
            if (end < 0 && forms[1] != null) {
                end = plateEnd(text, start, forms[1], 0, false);
            }
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    // The end of the plate that format[f..] fits at text[position..], or -1; separators present are tried first.
    private static int plateEnd(String text, int position, String format, int f, boolean upperOnly) {
        if (f == format.length()) {
            return position == text.length() || !isWord(text.codePointAt(position)) && text.charAt(position) != '>' ? position : -1;
        }
        char expected = format.charAt(f);
        char actual = position < text.length() ? text.charAt(position) : 0;
        if (expected == '-') {
            int end = actual == ' ' || actual == '-' ? plateEnd(text, position + 1, format, f + 1, upperOnly) : -1;
            return end >= 0 ? end : plateEnd(text, position, format, f + 1, upperOnly);
        }
        boolean fits = expected == 'D' ? actual >= '0' && actual <= '9' : actual >= 'A' && actual <= 'Z' || !upperOnly && actual >= 'a' && actual <= 'z';
        return fits ? plateEnd(text, position + 1, format, f + 1, upperOnly) : -1;
    }

    // Cheap necessary conditions on the word text[start, wordEnd) of ASCII letters and digits: nothing of a word or a
    // bracket before it, at most 7 long, nothing of a word after it, a digit within the 9 characters a plate spans at
    // most; with a lower-case letter it can only be a whole plate without separators, 5 to 7 long. (The character
    // before is read as the pattern reads it: one UTF-16 unit.)
    private static boolean plateCanStart(String text, int start, int wordEnd, boolean lowerCase) {
        if (start > 0 && (isWord(text.codePointAt(start - 1)) || text.charAt(start - 1) == '<')) {
            return false;
        }
        if (wordEnd - start > 7 || lowerCase && wordEnd - start < 5 || wordEnd < text.length() && isWord(text.codePointAt(wordEnd))) {
            return false;
        }
        // in upper case, a plate is one to four such words with one separator between, 5 to 7 letters and digits in all
        int letters = wordEnd - start;
        int position = wordEnd;
        while (letters < 5 && position + 1 < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '-')) {
            int next = position + 1;
            while (next < text.length() && isUpperCaseLetterOrDigit(text.charAt(next))) {
                next++;
            }
            if (next == position + 1 || next < text.length() && isAsciiLetterOrDigit(text.charAt(next))) {
                break;
            }
            letters += next - position - 1;
            position = next;
        }
        if (letters < 5 || letters > 7) {
            return false;
        }
        for (int j = start; j < Math.min(text.length(), start + 9); j++) {
            if (text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isUpperCaseLetterOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    // A character of WORD: a letter, mark or number of any script.
    private static boolean isWord(int codePoint) {
        return Character.isLetter(codePoint) || Character.isDigit(codePoint) || switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    // A candidate may end in the colon of the sentence ("fe80::1: down"); the address is then the candidate without it.
    private static String replaceIpv6(String text) {
        Matcher matcher = IPV6_CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String candidate = matcher.group();
            String replacement = candidate;
            if (isIpv6(candidate)) {
                replacement = "<IP>";
            } else if (candidate.endsWith(":") && !candidate.endsWith("::") && isIpv6(candidate.substring(0, candidate.length() - 1))) {
                replacement = "<IP>:";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    private static String replaceCards(String text) {
        Matcher matcher = CARD_CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String number = matcher.group().replaceAll("[ -]", "");
            String replacement = matcher.group();
            if (luhnValid(number)) {
                boolean imei = number.length() == 15 && !number.startsWith("34") && !number.startsWith("37");
                replacement = imei ? "<DEVICE_ID>" : "<CARD>";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    // libphonenumber's search is costly on long text, so it is given each stretch that can hold a phone number: a run of 5
    // digits or more with separators between, and the separators, pluses and brackets before it. What it finds there is
    // replaced as in the whole text.
    private static String replacePhones(String text) {
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
            for (int j = i; j < text.length() && (Character.isDigit(text.charAt(j)) || NUMBER_SEPARATORS.indexOf(text.charAt(j)) >= 0); j++) {
                if (Character.isDigit(text.charAt(j))) {
                    digits++;
                    end = j + 1;
                }
            }
            if (digits >= 5) {
                int start = i;
                while (start > last && (NUMBER_SEPARATORS.indexOf(text.charAt(start - 1)) >= 0 || text.charAt(start - 1) == '\uFF0B')) {
                    start--;
                }
                String stretch = text.substring(start, end);
                String scrubbed = isValidNationalNumber(text, i, end) ? text.substring(start, i) + "<PHONE>" : phonesIn(stretch);
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
        String probe = text.replace("(+", " +");
        for (PhoneNumberMatch match : PHONES.findNumbers(probe, DEFAULT_REGION, Leniency.POSSIBLE, Long.MAX_VALUE)) {
            String raw = match.rawString();
            int start = match.start();
            while (raw.startsWith("(") && raw.indexOf(')') < 0) {
                raw = raw.substring(1);
                start++;
            }
            boolean international = raw.startsWith("+") || raw.startsWith("\uFF0B");
            if (international || isValid(match.number()) || hasNationalShape(raw)) {
                out.append(text, last, start).append("<PHONE>");
                last = match.end();
            }
        }
        return last == 0 ? text : out.append(text, last, text.length()).toString();
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    static boolean isIpv6(String candidate) {
        String address = candidate.replaceFirst("(%[\\w.]+)?(/\\d{1,3})?$", "");
        int lastColon = address.lastIndexOf(':');
        String tail = address.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!IPV4_ADDRESS.matcher(tail).matches()) {
                return false;
            }
            address = address.substring(0, lastColon + 1) + "0:0";
        }
        int compressed = address.indexOf("::");
        if (compressed != address.lastIndexOf("::")) {
            return false;
        }
        if (compressed < 0) {
            return groups(address) == 8;
        }
        int head = groups(address.substring(0, compressed));
        int rest = groups(address.substring(compressed + 2));
        return head >= 0 && rest >= 0 && head + rest <= 7;
    }

    // The number of hex groups in a colon-separated run, or -1 if one is not 1-4 hex digits.
    private static int groups(String run) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        for (String part : parts) {
            if (!HEX_GROUP.matcher(part).matches()) {
                return -1;
            }
        }
        return parts.length;
    }
}
