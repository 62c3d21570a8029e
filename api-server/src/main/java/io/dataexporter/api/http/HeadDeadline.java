package io.dataexporter.api.http;

import io.dataexporter.api.Metrics;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection that goes a whole deadline without a request in flight and without starting a new one: a client
 * that trickles its request head (a header line every few seconds outlives the idle timeout, which each byte resets)
 * holds its connection at most one deadline. A request being answered, or its body being read (which has a deadline
 * of its own), is left alone; an idle keep-alive connection goes after one deadline instead of the idle timeout.
 */
final class HeadDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final long deadlineMillis;
    private final Metrics metrics;

    HeadDeadline(Scheduler scheduler, long deadlineMillis, Metrics metrics) {
        this.scheduler = scheduler;
        this.deadlineMillis = deadlineMillis;
        this.metrics = metrics;
    }

    @Override
    public void onOpened(Connection connection) {
        check(connection, -1);
    }

    private void check(Connection connection, long messagesBefore) {
        if (!connection.getEndPoint().isOpen()) {
            return;
        }
        long in = connection.getMessagesIn();
        boolean inFlight = in > connection.getMessagesOut();
        if (!inFlight && in == messagesBefore) {
            metrics.increment("data_exporter_api_slow_heads_total");
            connection.getEndPoint().close();
            return;
        }
        scheduler.schedule(() -> check(connection, inFlight ? -1 : in), deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
