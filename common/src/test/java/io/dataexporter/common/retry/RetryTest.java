package io.dataexporter.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> told = new ArrayList<>();

    @Test
    void backoff_doublesFromTheFirstDelay_upToItsMax() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));

        assertThat(List.of(backoff.after(1), backoff.after(2), backoff.after(3), backoff.after(4), backoff.after(40)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("A backoff needs 0 <= first <= max, not first PT2S and max PT1S");
    }

    @Test
    void attempts_retriesWhatIsRetryable_tellsTheListener_andThrowsTheLastFailureWhenTheTriesRunOut() {
        Retry retry = Retry.attempts(3, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)), e -> e instanceof IOException, slept::add);
        int[] calls = {0};

        assertThatThrownBy(() -> retry.call(() -> {
            throw new IOException("reset " + ++calls[0]);
        }, (attempt, failure, delay) -> told.add(attempt + ": " + failure.getMessage() + " then " + delay.toSeconds() + " s")))
                .isInstanceOf(Retry.Exhausted.class).hasMessage("reset 3").hasCauseInstanceOf(IOException.class)
                .satisfies(e -> assertThat(((Retry.Exhausted) e).attempts()).isEqualTo(3));
        assertThat(told).containsExactly("1: reset 1 then 1 s", "2: reset 2 then 2 s");
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void attempts_throwsWhatIsNotRetryable_atOnce_andReturnsTheFirstSuccess() throws Exception {
        Retry retry = Retry.attempts(5, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)), e -> e instanceof IOException, slept::add);
        int[] calls = {0};

        assertThat(retry.call(() -> ++calls[0] < 2 ? fail() : "ok", (attempt, failure, delay) -> told.add("retry " + attempt))).isEqualTo("ok");
        assertThatThrownBy(() -> retry.call(() -> {
            throw new IllegalStateException("bad SQL");
        }, (attempt, failure, delay) -> told.add("never"))).isInstanceOf(IllegalStateException.class).hasMessage("bad SQL");
        assertThat(told).containsExactly("retry 1");
        assertThatThrownBy(() -> Retry.attempts(0, new Backoff(Duration.ZERO, Duration.ZERO), e -> true, slept::add))
                .hasMessage("A retry needs at least one attempt, not 0");
    }

    private static String fail() throws IOException {
        throw new IOException("once");
    }
}
