package io.dataexporter.classification.transform;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal information inside free text and replaces each find by a placeholder: e-mail addresses
 * ({@code <EMAIL>}, internationalised ones too), IPv6 and IPv4 addresses ({@code <IP>}), payment-card numbers and
 * IMEIs (Luhn-checked; {@code <CARD>}, {@code <DEVICE_ID>}), phone numbers ({@code <PHONE>}, found by libphonenumber
 * with Australia as the default region) and the vehicle plate formats of every Australian state and territory
 * ({@code <PLATE>}). A cheap check first skips what cannot hold any of them (no digit, {@code @} or {@code :}), so text
 * with nothing to find costs next to nothing. Pure and thread-safe.
 */
public final class PiiScrubber {

    static final String DEFAULT_REGION = "AU";

    private static final String WORD = "\\p{L}\\p{M}\\p{N}";
    private static final Pattern EMAIL = Pattern.compile("(?<![" + WORD + "._%+'-])[" + WORD + "._%+'-]+@[" + WORD + "-]+(?:\\.[" + WORD + "-]+)*"
            + "\\.(?:[\\p{L}\\p{M}]{2,}|xn--[A-Za-z0-9-]+)(?![" + WORD + "])");
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4_ADDRESS = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\p{N}.])" + IPV4_ADDRESS.pattern() + "(?:/\\d{1,2})?(?!\\.?\\p{N})");
    private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![" + WORD + ":.])(?:[0-9A-Fa-f]{0,4}:){2,7}"
            + "(?:" + IPV4_ADDRESS.pattern() + "|[0-9A-Fa-f]{0,4})(?:%[\\w.]+)?(?:/\\d{1,3})?(?![" + WORD + "]|:[0-9A-Fa-f:])");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\p{N}])\\d(?:[ -]?\\d){12,18}(?![\\p{N}])");
    // Longest first: where formats overlap ("1 ABC 234" holds "ABC 234"), the whole plate is one find.
    static final Pattern PLATES = plates(
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
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // What may stand between the digits of one phone, card or device number.
    private static final String NUMBER_SEPARATORS = " -.()/+\u00A0";

    private PiiScrubber() {
    }

    /** The text with every find replaced by its placeholder; NULL stays NULL. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
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

    // What PLATES.matcher(text).replaceAll("<PLATE>") gives, tried only where a plate can start: at the start of a word
    // of ASCII letters and digits, at most 7 long, with a digit within the 9 characters a plate spans at most.
    static String replacePlates(String text) {
        Matcher matcher = null;
        StringBuilder out = null;
        int last = 0;
        int i = 0;
        while (i < text.length()) {
            if (!plateCanStart(text, i)) {
                i++;
                continue;
            }
            if (matcher == null) {
                matcher = PLATES.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            matcher.region(i, text.length());
            if (!matcher.lookingAt()) {
                i++;
                continue;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, last, i).append("<PLATE>");
            last = matcher.end();
            i = last;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static boolean plateCanStart(String text, int i) {
        if (!isAsciiLetterOrDigit(text.charAt(i)) || i > 0 && (isWord(text.codePointBefore(i)) || text.charAt(i - 1) == '<')) {
            return false;
        }
        int end = i;
        while (end < text.length() && isAsciiLetterOrDigit(text.charAt(end))) {
            end++;
        }
        if (end - i > 7 || end < text.length() && isWord(text.codePointAt(end))) {
            return false;
        }
        for (int j = i; j < Math.min(text.length(), i + 9); j++) {
            if (text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                return true;
            }
        }
        return false;
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

    // International forms (+...) count when their length is possible for the country; national ones only when valid
    // numbers of the default region, so that dates, times and counts stay.
    // libphonenumber gives up on "(+1 ...", so the bracket before a plus is blanked (same length, same offsets), and a
    // match keeps an opening bracket of the text that it does not close.
    private static String replacePhones(String text) {
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
            if (international || PHONES.isValidNumber(match.number())) {
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

    /**
     * Plate formats as one pattern: L a letter, D a digit, - an optional space or hyphen. Each format matches in upper
     * case with separators, and (unless it ends in !) in any case when written without them.
     */
    private static Pattern plates(String... formats) {
        List<String> alternatives = java.util.Arrays.stream(formats).map(format -> {
            boolean upperOnly = format.endsWith("!");
            String body = format.replace("!", "");
            String upper = body.replace("-", "~").replace("L", "[A-Z]").replace("D", "\\d").replace("~", "[ -]?");
            String compact = body.replace("-", "").replace("L", "[A-Za-z]").replace("D", "\\d");
            return upperOnly ? upper : upper + "|" + compact;
        }).toList();
        return Pattern.compile("(?<![" + WORD + "<])(?:" + String.join("|", alternatives) + ")(?![" + WORD + ">])");
    }
}
