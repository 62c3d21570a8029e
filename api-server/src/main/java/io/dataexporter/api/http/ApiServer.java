package io.dataexporter.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import io.dataexporter.api.Metrics;
import io.dataexporter.api.audit.AuditTrail;
import io.dataexporter.api.graphql.GraphQlApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side, on Jetty: {@code POST /graphql} (GraphQL over HTTP, JSON; bearer token), {@code GET /graphiql}
 * (bundled GraphiQL), {@code /healthz}, {@code /readyz} (ready when the control database answers) and {@code /metrics}
 * (Prometheus). Jetty reads requests without holding a thread, so half-sent requests cost a connection, not a
 * worker; connections idle past the timeout are closed, the worker pool is bounded, and so is the number of
 * connections, which bounds the requests waiting for a worker. Every error is JSON with its status; no response carries a stack trace or echoes the path.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    /** The server's limits. */
    public record Limits(int threads, int maxConnections, long idleTimeoutMillis, int maxRequestBytes, int maxResponseBytes) {
    }

    /** Longest a connection may take to send a whole request head, or stay without a request in flight. */
    static final long HEADER_DEADLINE_MILLIS = 10_000;

    private final Server server;
    private final ServerConnector connector;
    private final GraphQlApi api;
    private final BearerAuth auth;
    private final Metrics metrics;
    private final BooleanSupplier ready;
    private final Limits limits;
    private final Optional<GraphiqlPage> graphiql;
    private final AuditTrail audit;

    /**
     * @param graphiql      whether {@code /graphiql} is served, and the token it opens with: only the local stack's development
     *                      token, never a production one
     * @param audit         where refusals before GraphQL (401, 408, 413, cost and size limits) are recorded
     */
    public ApiServer(String host, int port, GraphQlApi api, BearerAuth auth, Metrics metrics, BooleanSupplier ready, Limits limits,
                     Optional<Optional<String>> graphiql, AuditTrail audit) {
        this.api = api;
        this.auth = auth;
        this.metrics = metrics;
        this.ready = ready;
        this.limits = limits;
        this.graphiql = graphiql.map(GraphiqlPage::new);
        this.audit = audit;
        // Jetty's own queue stays unbounded (a bounded one can reject its internal tasks); what waits for a worker is
        // bounded by the connection limit, as each HTTP/1.1 connection has at most one request in flight.
        QueuedThreadPool threads = new QueuedThreadPool(limits.threads(), Math.min(4, limits.threads()));
        threads.setName("api-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeoutMillis());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        connector.addEventListener(new HeadDeadline(server.getScheduler(), HEADER_DEADLINE_MILLIS, metrics));
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new GracefulHandler(new Routes()));
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose another port with api.port", e));
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            try {
                route(path, request, response, callback);
            } catch (RuntimeException | IOException e) {
                String reference = UUID.randomUUID().toString();
                LOG.error("Internal error {} on {} {}", reference, request.getMethod(), path, e);
                if (!response.isCommitted()) {
                    response.reset();
                    sendErrors(response, callback, 500, "Internal error; quote reference " + reference + " to the Data Exporter team");
                } else {
                    callback.failed(e);
                }
            }
            return true;
        }

        private void route(String path, Request request, Response response, Callback callback) throws IOException {
            String method = request.getMethod();
            if (path.equals("/graphql")) {
                if (!"POST".equals(method)) {
                    response.getHeaders().put(HttpHeader.ALLOW, "POST");
                    sendErrors(response, callback, 405, "Use POST /graphql with a JSON body {\"query\": ..., \"variables\": ...}");
                    return;
                }
                graphql(request, response, callback);
                return;
            }
            boolean known = PROBE_PATHS.contains(path) || graphiql.isPresent() && path.startsWith("/graphiql");
            if (!known) {
                sendErrors(response, callback, 404, "Not found; the API answers on POST /graphql (GraphiQL at /graphiql)");
                return;
            }
            if (!READ_METHODS.contains(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                sendErrors(response, callback, 405, "Method " + method + " is not allowed here; use GET");
                return;
            }
            if (PROBE_PATHS.contains(path)) {
                probe(path, response, callback, metrics, ready);
            } else {
                graphiql.orElseThrow().serve(path, request, response, callback);
            }
        }
    }

    static final Set<String> PROBE_PATHS = Set.of("/healthz", "/readyz", "/metrics");

    /** Answers a probe from what is in memory: liveness is a constant, readiness and the gauges a snapshot. */
    static void probe(String path, Response response, Callback callback, Metrics metrics, BooleanSupplier ready) {
        switch (path) {
            case "/healthz" -> send(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
            case "/readyz" -> {
                boolean up = ready.getAsBoolean();
                send(response, callback, up ? 200 : 503, "text/plain; charset=utf-8", up ? "ready\n" : "not ready: the control database does not answer\n");
            }
            default -> send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheusText());
        }
    }

    /** Answers a refusal, recorded in the audit trail with the caller's address and a reference the response carries. */
    private void refuse(Request request, Response response, Callback callback, int status, String message) {
        String reference = UUID.randomUUID().toString();
        audit.refused(new AuditTrail.Refusal(Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request), reference, status, message));
        response.getHeaders().put("X-Request-Id", reference);
        sendErrors(response, callback, status, message);
    }

    private void graphql(Request request, Response response, Callback callback) throws IOException {
        Optional<String> client = auth.client(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (client.isEmpty()) {
            metrics.increment("data_exporter_api_unauthorized_total");
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            refuse(request, response, callback, 401, "Missing or invalid bearer token: send 'Authorization: Bearer <token>'");
            return;
        }
        new BodyReader(request, response, callback, client.get()).read();
    }

    /** Longest a request body may take to arrive, however steadily it trickles. */
    static final long BODY_DEADLINE_MILLIS = 10_000;

    /**
     * Reads a request body without holding a worker: chunks are taken as they arrive and the read resumes through
     * Jetty's demand callback, so slow senders wait on the selector, not on a thread; a body still incomplete after
     * {@link #BODY_DEADLINE_MILLIS} is answered 408 and its connection closed, and one over the size limit 413.
     */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final String client;
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        private org.eclipse.jetty.util.thread.Scheduler.Task deadline;

        BodyReader(Request request, Response response, Callback callback, String client) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.client = client;
        }

        void read() {
            deadline = server.getScheduler().schedule(this::expire, BODY_DEADLINE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            run();
        }

        private void expire() {
            if (done.compareAndSet(false, true)) {
                metrics.increment("data_exporter_api_slow_bodies_total");
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                refuse(request, response, callback, 408, "The request body did not arrive within " + BODY_DEADLINE_MILLIS / 1000 + " s; send it at once");
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
                int take = Math.min(bytes.remaining(), limits.maxRequestBytes() + 1 - body.size());
                byte[] copy = new byte[take];
                bytes.get(copy);
                body.write(copy, 0, take);
                boolean last = chunk.isLast();
                chunk.release();
                if (body.size() > limits.maxRequestBytes()) {
                    if (done.compareAndSet(false, true)) {
                        deadline.cancel();
                        refuse(request, response, callback, 413, "Request body larger than " + limits.maxRequestBytes() + " bytes");
                    }
                    return;
                }
                if (last) {
                    if (done.compareAndSet(false, true)) {
                        deadline.cancel();
                        try {
                            answer(body.toByteArray(), request, response, callback, client);
                        } catch (IOException | RuntimeException e) {
                            String reference = UUID.randomUUID().toString();
                            LOG.error("Internal error {} on POST /graphql", reference, e);
                            if (!response.isCommitted()) {
                                response.reset();
                                sendErrors(response, callback, 500, "Internal error; quote reference " + reference + " to the Data Exporter team");
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

    private void answer(byte[] body, Request request, Response response, Callback callback, String client) throws IOException {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (IOException e) {
            sendErrors(response, callback, 400, "The body is not JSON; send {\"query\": \"...\", \"variables\": {...}}");
            return;
        }
        if (document == null || !document.hasNonNull("query") || !document.get("query").isTextual()) {
            sendErrors(response, callback, 400, "The body has no \"query\" string; send {\"query\": \"...\", \"variables\": {...}}");
            return;
        }
        JsonNode variables = document.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            sendErrors(response, callback, 400, "\"variables\" must be a JSON object (or absent), not " + variables.getNodeType().name().toLowerCase()
                    + "; send {\"query\": \"...\", \"variables\": {\"name\": value}}");
            return;
        }
        JsonNode operationName = document.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            sendErrors(response, callback, 400, "\"operationName\" must be a string (or absent)");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = variables == null || variables.isNull() ? Map.of() : JSON.convertValue(variables, Map.class);
        String operation = operationName == null || operationName.isNull() ? null : operationName.asText();
        ExecutionResult result = api.execute(document.get("query").asText(), values, operation, client);
        boolean unavailable = result.getErrors().stream().anyMatch(error -> error.getExtensions() != null
                && GraphQlApi.UNAVAILABLE.equals(error.getExtensions().get("code")));
        if (unavailable) {
            response.getHeaders().put("Retry-After", "30");
        }
        boolean refused = result.getErrors().stream().anyMatch(error -> error.getExtensions() != null
                && GraphQlApi.DOCUMENT_LIMIT.equals(error.getExtensions().get("code")));
        if (refused) {
            String reference = UUID.randomUUID().toString();
            response.getHeaders().put("X-Request-Id", reference);
            audit.refused(new AuditTrail.Refusal(Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request), reference, 400,
                    "client " + client + ": " + result.getErrors().get(0).getMessage()));
        }
        byte[] answer = JSON.writeValueAsBytes(result.toSpecification());
        if (answer.length > limits.maxResponseBytes()) {
            metrics.increment("data_exporter_api_responses_too_large_total");
            String message = "The response would be " + answer.length + " bytes, more than the limit of " + limits.maxResponseBytes()
                    + " (api.max-response-bytes); ask for fewer fields or aliases";
            String reference = UUID.randomUUID().toString();
            response.getHeaders().put("X-Request-Id", reference);
            audit.refused(new AuditTrail.Refusal(Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request), reference, 400,
                    "client " + client + ": " + message));
            Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("message", message);
            error.put("extensions", Map.of("code", RESPONSE_LIMIT));
            send(response, callback, 400, "application/json", JSON.writeValueAsString(Map.of("errors", List.of(error))));
            return;
        }
        send(response, callback, unavailable ? 503 : refused ? 400 : 200, "application/json", answer);
    }

    /** The error code of a response over {@link Limits#maxResponseBytes()}. */
    public static final String RESPONSE_LIMIT = "RESPONSE_LIMIT";

    static void sendErrors(Response response, Callback callback, int status, String message) {
        try {
            send(response, callback, status, "application/json", JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", message)))));
        } catch (IOException e) {
            callback.failed(e);
        }
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        send(response, callback, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Stops taking connections, lets requests in flight finish (up to 5 s), then stops. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the HTTP server: {}", e.getMessage());
        }
    }
}
