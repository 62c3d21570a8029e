package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Ipv6Detector} alone: its prefilter and its finds. */
class Ipv6DetectorTest {

    private final Detector detector = new Ipv6Detector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("at 12:30"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("::1"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("from 2001:db8::1 at 12:30")).isEqualTo("from <IP> at 12:30");
        assertThat(detector.replace("ip6:fe80::1ff:fe23:4567:890a")).isEqualTo("ip6:<IP>");
        assertThat(detector.replace("at 12:30:45")).isEqualTo("at 12:30:45");
    }
}
