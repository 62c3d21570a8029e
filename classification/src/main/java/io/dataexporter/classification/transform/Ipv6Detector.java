package io.dataexporter.classification.transform;

import static io.dataexporter.classification.transform.EmailDetector.WORD;
import static io.dataexporter.classification.transform.Ipv4Detector.IPV4_ADDRESS;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv6 addresses {@code <IP>}: full, compressed, with an embedded IPv4, a zone or a prefix length; after a word and a colon too. */
final class Ipv6Detector implements Detector {

    // A colon may stand before an address when a word does ("ip:2001:db8::1"), not a hex digit or colon (mid-address),
    // unless that hex digit ends a word with a letter that is no hex digit ("ip6:fe80::1", "inet6:", "IPv6:").
    private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?<![" + WORD + ".])(?:(?<![0-9A-Fa-f:]:)|(?<=[G-Zg-z][0-9A-Za-z]{0,8}:))"
            + "(?:[0-9A-Fa-f]{0,4}:){2,7}"
            + "(?:" + IPV4_ADDRESS.pattern() + "|[0-9A-Fa-f]{0,4})(?:%[\\w.]+)?(?:/\\d{1,3})?(?![" + WORD + "]|:[0-9A-Fa-f:])");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.colons() >= 2;
    }

    // A candidate may end in the colon of the sentence ("fe80::1: down"); the address is then the candidate without it.
    @Override
    public String replace(String text) {
        Matcher matcher = IPV6_CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String candidate = matcher.group();
            String replacement = candidate;
            if (isIpv6(candidate)) {
                replacement = Placeholder.IP.text();
            } else if (candidate.endsWith(":") && !candidate.endsWith("::") && isIpv6(candidate.substring(0, candidate.length() - 1))) {
                replacement = Placeholder.IP.text() + ":";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
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
