package io.dataexporter.jobs.export;

import io.dataexporter.classification.plan.TablePlan;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cells a table's export withheld, by reason ({@link TablePlan#WITHHELD_REASONS}), as counted while its rows were
 * written ({@link TablePlan#transform(org.apache.spark.sql.Dataset, String)}). A listener of the session takes the counts
 * from each query that succeeds; a failed query is left alone (reading a failed query's metrics would plan it again,
 * and with it the warehouse read). The counts are waited for a bounded time, and a table whose counts do not come is
 * reported without them, never held up.
 */
public final class WithheldCells {

    private static final Logger LOG = LoggerFactory.getLogger(WithheldCells.class);
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, CompletableFuture<Map<String, Long>>> PENDING = new ConcurrentHashMap<>();
    private static final Set<SparkSession> LISTENING = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private WithheldCells() {
    }

    /** A fresh name for the counts of one attempt at one table, awaited with {@link #await}. */
    public static String metricsName(SparkSession spark, String table) {
        if (LISTENING.add(spark)) {
            spark.listenerManager().register(new Listener());
        }
        String name = "withheld_cells_" + table + "_" + UUID.randomUUID().toString().replace("-", "");
        PENDING.put(name, new CompletableFuture<>());
        return name;
    }

    /** The counts, in {@link TablePlan#WITHHELD_REASONS} order, once the query that wrote the rows has succeeded; empty if they do not come in time. */
    public static Optional<Map<String, Long>> await(String name, String table) {
        CompletableFuture<Map<String, Long>> counts = PENDING.getOrDefault(name, new CompletableFuture<>());
        try {
            return Optional.of(counts.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("The withheld-cell counts of {} did not arrive within {} s; the table is reported without them", table, WAIT.toSeconds());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            PENDING.remove(name);
        }
    }

    /** Forgets the counts of an attempt that failed. */
    public static void discard(String name) {
        PENDING.remove(name);
    }

    private static final class Listener implements QueryExecutionListener {
        @Override
        public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
            if (PENDING.isEmpty()) {
                return;
            }
            scala.collection.Map<String, Row> metrics = qe.observedMetrics();
            for (Map.Entry<String, CompletableFuture<Map<String, Long>>> pending : PENDING.entrySet()) {
                scala.Option<Row> row = metrics.get(pending.getKey());
                if (row.isDefined()) {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (String reason : TablePlan.WITHHELD_REASONS) {
                        Object value = row.get().getAs(reason);
                        counts.put(reason, value instanceof Number number ? number.longValue() : 0L);
                    }
                    pending.getValue().complete(counts);
                }
            }
        }

        @Override
        public void onFailure(String funcName, QueryExecution qe, Exception exception) {
            // a failed query's metrics are not read: that would plan it again
        }
    }
}
