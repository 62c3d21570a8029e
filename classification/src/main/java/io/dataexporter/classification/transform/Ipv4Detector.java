package io.dataexporter.classification.transform;

import java.util.regex.Pattern;

/** IPv4 addresses {@code <IP>}, zero-padded octets and a prefix length too, not inside a longer dotted number. */
final class Ipv4Detector implements Detector {

    static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    // zero-padded octets ("192.168.001.010") are the same address
    private static final String PADDED_OCTET = "(?:0{0,2}" + OCTET + ")";
    static final Pattern IPV4_ADDRESS = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern IPV4_PADDED = Pattern.compile(PADDED_OCTET + "(?:\\." + PADDED_OCTET + "){3}");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\p{N}.])" + IPV4_PADDED.pattern() + "(?:/\\d{1,2})?(?!\\.?\\p{N})");

    @Override
    public boolean mayFind(TextProfile profile) {
        return profile.digits() > 0 && profile.dots() >= 3;
    }

    @Override
    public String replace(String text) {
        return IPV4.matcher(text).replaceAll(Placeholder.IP.text());
    }
}
