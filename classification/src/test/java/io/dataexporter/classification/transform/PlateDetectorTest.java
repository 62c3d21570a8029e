package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link PlateDetector} alone: its prefilter and its finds. */
class PlateDetectorTest {

    private final Detector detector = new PlateDetector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("no digits"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("ABC123"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("Vehicle ABC 123 towed")).isEqualTo("Vehicle <PLATE> towed");
        assertThat(detector.replace("(1AB2CD)")).isEqualTo("(<PLATE>)");
        assertThat(detector.replace("speed 120kph")).isEqualTo("speed 120kph");
    }
}
