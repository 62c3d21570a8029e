package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link EmailDetector} alone: its prefilter and its finds. */
class EmailDetectorTest {

    private final Detector detector = new EmailDetector();

    @Test
    void prefilter_skipsTextThatCannotHoldAFind_andLetsThroughTextThatCan() {
        assertThat(detector.mayFind(TextProfile.of("no at sign here 123"))).isFalse();
        assertThat(detector.mayFind(TextProfile.of("jane@example.com"))).isTrue();
    }

    @Test
    void replace_putsThePlaceholderWhereItFinds_andLeavesTheRest() {
        assertThat(detector.replace("mail jane.doe@example.com now")).isEqualTo("mail <EMAIL> now");
        assertThat(detector.replace("ops (at) roads.vic.gov.au")).isEqualTo("<EMAIL>");
        assertThat(detector.replace("meet @ noon at gate 2")).isEqualTo("meet @ noon at gate 2");
        assertThat(detector.replace("x@y.org, a.b @ ops.example.com")).isEqualTo("<EMAIL>, <EMAIL>");
    }
}
