package io.dataexporter.api.http;

import io.dataexporter.api.Metrics;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body without holding a worker: chunks are taken as they arrive and the read resumes through
 * Jetty's demand callback, so slow senders wait on the selector, not on a thread; a body still incomplete after
 * {@link #BODY_DEADLINE_MILLIS} is answered 408 and its connection closed, and one over the size limit 413.
 */
final class BodyReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);

    /** Longest a request body may take to arrive, however steadily it trickles. */
    static final long BODY_DEADLINE_MILLIS = 10_000;

    /** What is done with a whole body. */
    interface Answer {
        void answer(byte[] body) throws IOException;
    }

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Scheduler scheduler;
    private final int maxRequestBytes;
    private final Metrics metrics;
    private final Refusals refusals;
    private final Answer answer;
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    private Scheduler.Task deadline;

    BodyReader(Request request, Response response, Callback callback, Scheduler scheduler, int maxRequestBytes, Metrics metrics, Refusals refusals,
               Answer answer) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.scheduler = scheduler;
        this.maxRequestBytes = maxRequestBytes;
        this.metrics = metrics;
        this.refusals = refusals;
        this.answer = answer;
    }

    void read() {
        deadline = scheduler.schedule(this::expire, BODY_DEADLINE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        run();
    }

    private void expire() {
        if (done.compareAndSet(false, true)) {
            metrics.increment("data_exporter_api_slow_bodies_total");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            refusals.refuse(request, response, callback, 408, "The request body did not arrive within " + BODY_DEADLINE_MILLIS / 1000 + " s; send it at once");
        }
    }

    @Override
    public void run() {
        while (!done.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                if (done.compareAndSet(false, true)) {
                    deadline.cancel();
                    callback.failed(chunk.getFailure());
                }
                return;
            }
            java.nio.ByteBuffer bytes = chunk.getByteBuffer();
            int take = Math.min(bytes.remaining(), maxRequestBytes + 1 - body.size());
            byte[] copy = new byte[take];
            bytes.get(copy);
            body.write(copy, 0, take);
            boolean last = chunk.isLast();
            chunk.release();
            if (body.size() > maxRequestBytes) {
                if (done.compareAndSet(false, true)) {
                    deadline.cancel();
                    refusals.refuse(request, response, callback, 413, "Request body larger than " + maxRequestBytes + " bytes");
                }
                return;
            }
            if (last) {
                if (done.compareAndSet(false, true)) {
                    deadline.cancel();
                    try {
                        answer.answer(body.toByteArray());
                    } catch (IOException | RuntimeException e) {
                        String reference = UUID.randomUUID().toString();
                        LOG.error("Internal error {} on POST /graphql", reference, e);
                        if (!response.isCommitted()) {
                            response.reset();
                            Responses.sendErrors(response, callback, 500, "Internal error; quote reference " + reference + " to the Data Exporter team");
                        } else {
                            callback.failed(e);
                        }
                    }
                }
                return;
            }
        }
    }
}
