package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link GovernmentNumberDetector} alone: its prefilter and its finds. */
class GovernmentNumberDetectorTest {

    private final Detector detector = new GovernmentNumberDetector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("ref 1234567"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("TFN 123456782"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("TFN 123 456 782")).isEqualTo("TFN <GOV_ID>");
        assertThat(detector.replace("Medicare no. 2123456701")).isEqualTo("Medicare no. <GOV_ID>");
        assertThat(detector.replace("order 123456782")).isEqualTo("order 123456782");
    }
}
