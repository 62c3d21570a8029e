package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.TablePlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cells a table's export withheld, by reason ({@link TablePlan#WITHHELD_REASONS}), as counted while its rows were
 * written. Spark hands the counts over after the write's action, on its listener thread; they are waited for a bounded
 * time, and a table whose counts do not come is reported without them, never held up.
 */
public final class WithheldCells {

    private static final Logger LOG = LoggerFactory.getLogger(WithheldCells.class);
    static final Duration WAIT = Duration.ofSeconds(30);

    private WithheldCells() {
    }

    /** A new observation for one table's write. */
    public static Observation observation(String table) {
        return new Observation("withheld_cells_" + table);
    }

    /** The counts, in {@link TablePlan#WITHHELD_REASONS} order, once the observed write has finished; empty if they do not come in time. */
    public static Optional<Map<String, Long>> await(Observation observation, String table) {
        CompletableFuture<Map<String, Object>> counts = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                counts.complete(observation.getAsJava());
            } catch (InterruptedException e) {
                counts.completeExceptionally(e);
            } catch (RuntimeException e) {
                counts.completeExceptionally(e);
            }
        }, "withheld-cells-" + table);
        waiter.setDaemon(true);
        waiter.start();
        try {
            Map<String, Object> values = counts.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Map<String, Long> ordered = new LinkedHashMap<>();
            for (String reason : TablePlan.WITHHELD_REASONS) {
                Object value = values.get(reason);
                ordered.put(reason, value instanceof Number number ? number.longValue() : 0L);
            }
            return Optional.of(ordered);
        } catch (TimeoutException | ExecutionException e) {
            waiter.interrupt();
            LOG.warn("The withheld-cell counts of {} did not arrive within {} s; the table is reported without them", table, WAIT.toSeconds());
            return Optional.empty();
        } catch (InterruptedException e) {
            waiter.interrupt();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** "12 (unknown_source 10, de_source 2)", or "0". */
    public static String describe(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "0";
        }
        StringBuilder text = new StringBuilder().append(total).append(" (");
        String separator = "";
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getValue() > 0) {
                text.append(separator).append(entry.getKey()).append(' ').append(entry.getValue());
                separator = ", ";
            }
        }
        return text.append(')').toString();
    }
}
