package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link MacDetector} alone: its prefilter and its finds. */
class MacDetectorTest {

    private final Detector detector = new MacDetector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("one: two"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("00:1a:2b:3c:4d:5e"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("nic 00:1a:2b:3c:4d:5e up")).isEqualTo("nic <DEVICE_ID> up");
        assertThat(detector.replace("00-1A-2B-3C-4D-5E")).isEqualTo("<DEVICE_ID>");
        assertThat(detector.replace("00:1a-2b:3c:4d:5e")).isEqualTo("00:1a-2b:3c:4d:5e");
    }
}
