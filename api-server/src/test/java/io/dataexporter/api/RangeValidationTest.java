package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.api.requests.RangeValidation;
import io.dataexporter.api.requests.UserError;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RangeValidationTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_791_244_800);

    @Test
    void rangeProblem_whenExactlyOneDayEndingNow_isNone() {
        assertThat(RangeValidation.rangeProblem(1_791_158_400, 1_791_244_800, NOW)).isEmpty();
    }

    @Test
    void rangeProblem_whenOneSecondTooLong_namesTheSpan() {
        assertThat(RangeValidation.rangeProblem(1_791_158_399, 1_791_244_800, NOW)).isEqualTo(Optional.of(
                "endTime - startTime must be at most 86400 seconds (one day); received startTime=1791158399, endTime=1791244800 (86401 seconds)"));
    }

    @Test
    void rangeProblem_whenEndIsOneSecondAhead_isInTheFuture() {
        assertThat(RangeValidation.rangeProblem(1_791_244_000, 1_791_244_801, NOW))
                .isEqualTo(Optional.of("endTime must not be in the future; received endTime=1791244801, now is 1791244800"));
    }

    @Test
    void requestId_acceptsACanonicalUuid_andRejectsAShortenedOne() {
        assertThat(RangeValidation.requestId("0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f")).isEqualTo(UUID.fromString("0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f"));
        assertThatThrownBy(() -> RangeValidation.requestId("1-2-3-4-5")).isInstanceOf(UserError.class)
                .hasMessage("requestId must be a UUID such as 123e4567-e89b-12d3-a456-426614174000 (the value requestData returned); received '1-2-3-4-5'");
    }

    @Test
    void requestId_echoesAtMost64CodePoints_andNoLineBreakingCharacter() {
        String huge = "z".repeat(65_536);
        assertThatThrownBy(() -> RangeValidation.requestId(huge)).hasMessage("requestId must be a UUID such as"
                + " 123e4567-e89b-12d3-a456-426614174000 (the value requestData returned); received '" + "z".repeat(64) + "... (65536 characters)'");
        assertThatThrownBy(() -> RangeValidation.requestId("a\u2028b\u0085c\nd")).hasMessageEndingWith("received 'a\\u2028b\\u0085c\\u000ad'");
    }
}
