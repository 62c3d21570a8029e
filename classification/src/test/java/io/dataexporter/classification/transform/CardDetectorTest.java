package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link CardDetector} alone: its prefilter and its finds. */
class CardDetectorTest {

    private final Detector detector = new CardDetector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("order 123456789012"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("4111111111111111"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("Paid 50 4111 1111 1111 1111 12/26")).isEqualTo("Paid 50 <CARD> 12/26");
        assertThat(detector.replace("imei 490154203237518")).isEqualTo("imei <DEVICE_ID>");
        assertThat(detector.replace("4111 1111 1111 1112")).isEqualTo("4111 1111 1111 1112");
    }
}
