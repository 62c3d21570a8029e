package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PhoneDetector} alone: its prefilter and its finds. */
class PhoneDetectorTest {

    private final Detector detector = new PhoneDetector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("unit 1234"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("0412345678"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("Called 0412 345 678 3 times")).isEqualTo("Called <PHONE> 3 times");
        assertThat(detector.replace("+44 20 7946 0958")).isEqualTo("<PHONE>");
        assertThat(detector.replace("coordinates 145.140547")).isEqualTo("coordinates 145.140547");
    }
}
