package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Ipv4Detector} alone: its prefilter and its finds. */
class Ipv4DetectorTest {

    private final Detector detector = new Ipv4Detector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("v 1.2.3"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("10.0.0.1"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("host 10.0.0.1/24 down")).isEqualTo("host <IP> down");
        assertThat(detector.replace("192.168.001.010")).isEqualTo("<IP>");
        assertThat(detector.replace("version 1.2.3.4.5")).isEqualTo("version 1.2.3.4.5");
    }
}
