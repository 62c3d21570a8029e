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
 * ({@code <EMAIL>}, internationalised and disguised ones too), IPv6 and IPv4 addresses ({@code <IP>}), MAC addresses,
 * payment-card numbers and IMEIs (Luhn-checked; {@code <CARD>}, {@code <DEVICE_ID>}), Australian tax file and Medicare
 * numbers (check digits; {@code <GOV_ID>}), phone numbers ({@code <PHONE>}, found by libphonenumber with Australia as
 * the default region, and among other numbers by the shapes numbers are dialled in) and the vehicle plate formats of
 * every Australian state and territory ({@code <PLATE>}). Text is folded first ({@link TextFolding}: invisible
 * characters dropped, NFKC, digits of every script as ASCII), and separators people put between digits (dashes, no-break
 * and thin spaces, middle dots, tabs, underscores) are read as hyphens, spaces and dots. A text with a find comes out in
 * its folded form with the placeholders; a text without one comes out exactly as it went in. A cheap check first skips what cannot hold any
 * of them (no digit, no {@code @}, fewer than two {@code :}), and each search runs only where that check found what it
 * needs (a long enough run of digits, three dots, a word that can start a plate), so text with nothing to find costs
 * next to nothing. Pure and thread-safe.
 */
public final class PiiScrubber {

    static final String DEFAULT_REGION = "AU";

    private static final String WORD = "\\p{L}\\p{M}\\p{N}";
    // The domain is one character-class run (labels, dots, dashes) before the top-level label, never a repeated group:
    // Java's regex engine recurses once per repetition of a group, so "x@a.a.a...." with thousands of labels would
    // overflow the stack. The run also takes a double dot, which only widens what is scrubbed.
    // The local part: RFC 5322's atom characters (letters and digits of any script too), or a quoted string. The at: '@',
    // its percent-encoding, or "(at)", "[at]", "{at}". The host: labels with '_' too, or an address literal in brackets.
    private static final String LOCAL_CHARS = WORD + "._%+'!#$&*/=?^`{|}~-";
    private static final String AT = "(?:\\s?@\\s?|%40|\\s?[(\\[{]at[)\\]}]\\s?)";
    private static final Pattern EMAIL = Pattern.compile("(?:(?<![" + LOCAL_CHARS + "])[" + LOCAL_CHARS + "]+|\"[^\"\\r\\n]{1,64}\")" + AT
            + "(?:\\[[0-9A-Fa-f:.IPv]{2,45}]|[" + WORD + "_-]+[" + WORD + "_.-]*\\.(?:[\\p{L}\\p{M}]{2,}|xn--[A-Za-z0-9-]+))(?![" + WORD + "])");
    /** Longest cell the scrubber reads (characters); a longer one is withheld (NULL), never cut or passed through. */
    public static final int MAX_CELL_CHARS = 1 << 20;
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    // zero-padded octets ("192.168.001.010") are the same address
    private static final String PADDED_OCTET = "(?:0{0,2}" + OCTET + ")";
    private static final Pattern IPV4_ADDRESS = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern IPV4_PADDED = Pattern.compile(PADDED_OCTET + "(?:\\." + PADDED_OCTET + "){3}");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\p{N}.])" + IPV4_PADDED.pattern() + "(?:/\\d{1,2})?(?!\\.?\\p{N})");
    // A colon may stand before an address when a word does ("ip:2001:db8::1"), not a hex digit or colon (mid-address),
    // unless that hex digit ends a word with a letter that is no hex digit ("ip6:fe80::1", "inet6:", "IPv6:").
    private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![" + WORD + ".])(?:(?<![0-9A-Fa-f:]:)|(?<=[G-Zg-z][0-9A-Za-z]{0,8}:))"
            + "(?:[0-9A-Fa-f]{0,4}:){2,7}"
            + "(?:" + IPV4_ADDRESS.pattern() + "|[0-9A-Fa-f]{0,4})(?:%[\\w.]+)?(?:/\\d{1,3})?(?![" + WORD + "]|:[0-9A-Fa-f:])");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern MAC = Pattern.compile("(?<![0-9A-Fa-f:.-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])");
    // A run of digit groups with single separators between: cards, tax file and Medicare numbers are looked for inside it.
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\p{N}])\\d+(?:[ .-]\\d+)*(?![\\p{N}])");
    // Plate formats, L a letter, D a digit, - an optional space, hyphen or dot: each in upper case with separators, and (unless
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

    private static String scrubBounded(String original) {
        String folded = TextFolding.fold(original);
        if (folded.length() > MAX_CELL_CHARS) {
            return null; // NFKC expanded it past the limit
        }
        String text = normalizeSeparators(folded);
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
            at |= c == '@';
            colons += c == ':' ? 1 : 0;
            dots += c == '.' ? 1 : 0;
        }
        at |= text.contains("%40") || text.contains("at)") || text.contains("at]") || text.contains("at}");
        // an IPv6 address has two colons or more, an IPv4 address three dots
        if (digits == 0 && !at && colons < 2) {
            return original;
        }
        String out = at ? EMAIL.matcher(text).replaceAll("<EMAIL>") : text;
        if (colons >= 5 || out.indexOf('-') >= 0) {
            out = MAC.matcher(out).replaceAll("<DEVICE_ID>");
        }
        if (colons >= 2) {
            out = replaceIpv6(out);
        }
        if (digits == 0) {
            return out.equals(text) ? original : out;
        }
        if (dots >= 3) {
            out = IPV4.matcher(out).replaceAll("<IP>");
        }
        // A card or IMEI is one run of 13 or more digits (spaces and hyphens between), a phone number one of 5 or more
        // (with brackets, dots, slashes or a plus too): text without such a run skips the costly searches.
        if (longestRun >= 13) {
            out = replaceCards(out);
        }
        if (longestRun >= 8) {
            out = replaceGovernmentNumbers(out);
        }
        if (longestRun >= 5) {
            out = replacePhones(out);
        }
        out = replacePlates(out);
        return out.equals(text) ? original : out;
    }

    /**
     * The separators people put between the digits of one number, in their ASCII forms: dashes (en, em, minus, non-breaking
     * hyphen) become '-', spaces (no-break, thin, figure, narrow no-break), tabs and underscores between two digits become
     * ' ', and a fullwidth at sign becomes '@'. One character for one, so the text keeps its length. Text that holds none
     * is returned as is (the output of a text with nothing to find is the input, unchanged).
     */
    static String normalizeSeparators(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = c;
            if (c == '\uFF20') {
                replacement = '@';
            } else if (i > 0 && i + 1 < text.length() && isAsciiDigit(text.charAt(i - 1)) && isAsciiDigit(text.charAt(i + 1))) {
                replacement = switch (c) {
                    case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
                    case '\u00A0', '\u2007', '\u2009', '\u202F', '\t', '_' -> ' ';
                    default -> c;
                };
            }
            if (replacement != c) {
                chars = chars == null ? text.toCharArray() : chars;
                chars[i] = replacement;
            }
        }
        return chars == null ? text : new String(chars);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Each plate replaced, scanning left to right. A plate starts where no letter, mark or number stands before it and
     * ends where none follows (so {@code <ABC123>} is a plate in brackets). At a start, the formats are tried in order (longest
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
            return position == text.length() || !isWord(text.codePointAt(position)) ? position : -1;
        }
        char expected = format.charAt(f);
        char actual = position < text.length() ? text.charAt(position) : 0;
        if (expected == '-') {
            int end = isPlateSeparator(actual) ? plateEnd(text, position + 1, format, f + 1, upperOnly) : -1;
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
        if (start > 0 && isWord(text.codePointAt(start - 1))) {
            return false;
        }
        if (wordEnd - start > 7 || lowerCase && wordEnd - start < 5 || wordEnd < text.length() && isWord(text.codePointAt(wordEnd))) {
            return false;
        }
        // in upper case, a plate is one to four such words with one separator between, 5 to 7 letters and digits in all
        int letters = wordEnd - start;
        int position = wordEnd;
        while (letters < 5 && position + 1 < text.length() && isPlateSeparator(text.charAt(position))) {
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

    private static boolean isPlateSeparator(char c) {
        return c == ' ' || c == '-' || c == '.';
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

    /**
     * Cards and IMEIs inside runs of digit groups: the longest window of whole groups, leftmost first, that holds 13 to 19
     * digits, passes the Luhn check and is grouped as cards are (one group; fours with a shorter last; 4-6-5 or 4-6-4), so
     * that a card next to other numbers ("Paid 50 4111 ...", "... 1111 12/26") is found and the numbers stay.
     */
    private static String replaceCards(String text) {
        return replaceInRuns(text, groups -> {
            for (int length = groups.size(); length >= 1; length--) {
                for (int from = 0; from + length <= groups.size(); from++) {
                    List<String> window = groups.subList(from, from + length);
                    String number = String.join("", window);
                    if (number.length() >= 13 && number.length() <= 19 && cardGrouping(window) && luhnValid(number)) {
                        boolean imei = number.length() == 15 && length == 1 && !number.startsWith("34") && !number.startsWith("37");
                        return new Find(from, from + length, imei ? "<DEVICE_ID>" : "<CARD>");
                    }
                }
            }
            return null;
        });
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

    /**
     * Australian tax file numbers (9 digits, 3-3-3 or one group, weights 1 4 3 7 5 8 6 9 10, sum divisible by 11) and
     * Medicare numbers (10 digits and an optional issue number, 4-5-1 or one group, first digit 2 to 6, the 9th digit the
     * weighted sum of the first 8 modulo 10); a single group counts only after a cue ("TFN", "tax file", "Medicare"). The
     * number is a whole run of digit groups, not one after a '+' (an international phone number's country code).
     */
    private static String replaceGovernmentNumbers(String text) {
        return replaceInRuns(text, groups -> {
            List<Integer> sizes = groups.stream().map(String::length).toList();
            String number = String.join("", groups);
            boolean tfnShape = sizes.equals(List.of(3, 3, 3)) || sizes.equals(List.of(9));
            boolean medicareShape = sizes.equals(List.of(4, 5, 1)) || sizes.equals(List.of(4, 5, 1, 1)) || sizes.equals(List.of(10))
                    || sizes.equals(List.of(11));
            if (tfnShape && tfnValid(number) || medicareShape && medicareValid(number)) {
                return new Find(0, groups.size(), "<GOV_ID>", groups.size() == 1);
            }
            return null;
        });
    }

    static boolean tfnValid(String digits) {
        int[] weights = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum % 11 == 0;
    }

    static boolean medicareValid(String digits) {
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9};
        if (digits.charAt(0) < '2' || digits.charAt(0) > '6') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum % 10 == digits.charAt(8) - '0';
    }

    private static final Pattern GOVERNMENT_CUE = Pattern.compile("(?i)(?:tfn|tax file(?: number| no\\.?)?|medicare(?: card| number| no\\.?)?)[\\s:#.]*$");

    /** A window of whole digit groups of one run, and its placeholder; {@code needsCue}: only after a cue word. */
    private record Find(int from, int to, String placeholder, boolean needsCue) {
        Find(int from, int to, String placeholder) {
            this(from, to, placeholder, false);
        }
    }

    /** Runs {@code search} over each run of digit groups ({@link #DIGIT_RUN}) and replaces what it finds, repeatedly. */
    private static String replaceInRuns(String text, java.util.function.Function<List<String>, Find> search) {
        Matcher matcher = DIGIT_RUN.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            String run = matcher.group();
            if (matcher.start() > 0 && text.charAt(matcher.start() - 1) == '+') {
                continue; // an international phone number: the phone search's
            }
            List<int[]> spans = new java.util.ArrayList<>();
            Matcher group = DIGITS.matcher(run);
            while (group.find()) {
                spans.add(new int[] {group.start(), group.end()});
            }
            StringBuilder replaced = new StringBuilder();
            int runLast = 0;
            int first = 0;
            while (first < spans.size()) {
                List<String> groups = spans.subList(first, spans.size()).stream().map(span -> run.substring(span[0], span[1])).toList();
                Find find = search.apply(groups);
                if (find == null) {
                    break;
                }
                int start = spans.get(first + find.from())[0];
                int end = spans.get(first + find.to() - 1)[1];
                if (find.needsCue() && !GOVERNMENT_CUE.matcher(text.substring(Math.max(0, matcher.start() + start - 24), matcher.start() + start)).find()) {
                    first += find.from() + 1;
                    continue;
                }
                replaced.append(run, runLast, start).append(find.placeholder());
                runLast = end;
                first += find.to();
            }
            if (runLast > 0) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, last, matcher.start()).append(replaced).append(run, runLast, run.length());
                last = matcher.end();
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
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
            if (digits >= 5 && !isDecimalNumber(text, i, end)) {
                int start = i;
                while (start > last && (NUMBER_SEPARATORS.indexOf(text.charAt(start - 1)) >= 0 || text.charAt(start - 1) == '\uFF0B')) {
                    start--;
                }
                String stretch = text.substring(start, end);
                String scrubbed = isValidNationalNumber(text, i, end) ? text.substring(start, i) + "<PHONE>" : phonesIn(stretch);
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
                    int close = stretch.indexOf(')', start);
                    boolean bracketed = start > 0 && stretch.charAt(start - 1) == '(' && close > 0 && close < end;
                    String cueText = from == 0 ? before + stretch.substring(0, start) : "";
                    if (regions ? isNationalOfRegion(number, length) : isPhoneWindow(window, number, length, bracketed, cueText)) {
                        int replaceFrom = bracketed ? start - 1 : start;
                        return stretch.substring(0, replaceFrom) + "<PHONE>" + stretch.substring(end);
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
