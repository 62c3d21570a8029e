package io.dataexporter.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.common.time.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedRetryTest {

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-04T00:00:00Z"));

    private BoundedRetry retry(Duration budget) {
        return new BoundedRetry(budget, clock, duration -> {
            slept.add(duration);
            clock.advance(duration);
        }, logged::add);
    }

    @Test
    void call_whenTheDatabaseComesBackWithinTheBudget_returnsAfterBackingOff() {
        int[] calls = {0};

        String result = retry(Duration.ofSeconds(120)).call("Update of table_export_job_statuses", () -> {
            if (++calls[0] < 4) {
                throw new SQLException("Connection refused", "08001");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(logged).containsExactly("Update of table_export_job_statuses failed (try 1), retrying in 1 s: Connection refused",
                "Update of table_export_job_statuses failed (try 2), retrying in 2 s: Connection refused",
                "Update of table_export_job_statuses failed (try 3), retrying in 4 s: Connection refused");
    }

    @Test
    void call_whenTheDatabaseStaysDown_throwsTheLastCauseOnceTheBudgetIsSpent_withDelaysCappedAt15Seconds() {
        assertThatThrownBy(() -> retry(Duration.ofSeconds(60)).run("Heartbeat", () -> {
            throw new SQLException("Read timed out", "08006");
        })).isInstanceOf(BoundedRetry.RetriesExhausted.class).hasMessage("Heartbeat failed 7 times within 60 s: Read timed out")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15),
                Duration.ofSeconds(15));
    }

    @Test
    void call_withNoBudget_triesOnce() {
        assertThatThrownBy(() -> retry(Duration.ZERO).run("Progress", () -> {
            throw new SQLException("down", "08001");
        })).hasMessage("Progress failed 1 time within 0 s: down");
        assertThat(slept).isEmpty();
    }

    @Test
    void call_whenTheFailureIsNotAnOutage_throwsItAtOnce() {
        SQLException missing = new SQLException("relation \"de_config.export_tables\" does not exist", "42P01");

        assertThatThrownBy(() -> retry(Duration.ofSeconds(120)).call("Reading the policy", () -> {
            throw new IllegalStateException("Cannot read the policy", missing);
        })).isInstanceOf(IllegalStateException.class).hasMessage("Cannot read the policy");
        assertThat(slept).isEmpty();
    }

    @Test
    void isOutage_isTrueForConnectionFailuresAndTimeouts_only() {
        assertThat(BoundedRetry.isOutage(new IllegalStateException("x", new SQLException("The connection attempt failed.", "08001",
                new java.net.SocketTimeoutException("Read timed out"))))).isTrue();
        assertThat(BoundedRetry.isOutage(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(BoundedRetry.isOutage(new RuntimeException(new java.net.ConnectException("Connection refused")))).isTrue();
        assertThat(BoundedRetry.isOutage(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(BoundedRetry.isOutage(new SQLException("password authentication failed", "28P01"))).isFalse();
    }
}
