package io.dataexporter.api.http;

import io.dataexporter.api.Metrics;
import io.dataexporter.api.audit.AuditTrail;
import io.dataexporter.api.graphql.GraphQlApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
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
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    /** The server's limits. */
    public record Limits(int threads, int maxConnections, long idleTimeoutMillis, int maxRequestBytes, int maxResponseBytes) {
    }

    /** Longest a connection may take to send a whole request head, or stay without a request in flight. */
    static final long HEADER_DEADLINE_MILLIS = 10_000;

    private final Server server;
    private final ServerConnector connector;
    private final GraphQlHandler graphQl;
    private final Refusals refusals;
    private final BearerAuth auth;
    private final Metrics metrics;
    private final BooleanSupplier ready;
    private final Limits limits;
    private final Optional<GraphiqlPage> graphiql;

    /**
     * @param graphiql      whether {@code /graphiql} is served, and the token it opens with: only the local stack's development
     *                      token, never a production one
     * @param audit         where refusals before GraphQL (401, 408, 413, cost and size limits) are recorded
     */
    public ApiServer(String host, int port, GraphQlApi api, BearerAuth auth, Metrics metrics, BooleanSupplier ready, Limits limits,
                     Optional<Optional<String>> graphiql, AuditTrail audit) {
        this.refusals = new Refusals(audit);
        this.graphQl = new GraphQlHandler(api, metrics, refusals, limits.maxResponseBytes());
        this.auth = auth;
        this.metrics = metrics;
        this.ready = ready;
        this.limits = limits;
        this.graphiql = graphiql.map(GraphiqlPage::new);
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
                    Responses.sendErrors(response, callback, 500, "Internal error; quote reference " + reference + " to the Data Exporter team");
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
                    Responses.sendErrors(response, callback, 405, "Use POST /graphql with a JSON body {\"query\": ..., \"variables\": ...}");
                    return;
                }
                graphql(request, response, callback);
                return;
            }
            boolean known = Responses.PROBE_PATHS.contains(path) || graphiql.isPresent() && path.startsWith("/graphiql");
            if (!known) {
                Responses.sendErrors(response, callback, 404, "Not found; the API answers on POST /graphql (GraphiQL at /graphiql)");
                return;
            }
            if (!READ_METHODS.contains(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                Responses.sendErrors(response, callback, 405, "Method " + method + " is not allowed here; use GET");
                return;
            }
            if (Responses.PROBE_PATHS.contains(path)) {
                Responses.probe(path, response, callback, metrics, ready);
            } else {
                graphiql.orElseThrow().serve(path, request, response, callback);
            }
        }
    }

    private void graphql(Request request, Response response, Callback callback) throws IOException {
        Optional<String> client = auth.client(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (client.isEmpty()) {
            metrics.increment("data_exporter_api_unauthorized_total");
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            refusals.refuse(request, response, callback, 401, "Missing or invalid bearer token: send 'Authorization: Bearer <token>'");
            return;
        }
        new BodyReader(request, response, callback, server.getScheduler(), limits.maxRequestBytes(), metrics, refusals,
                body -> graphQl.answer(body, request, response, callback, client.get())).read();
    }

    /** Longest a request body may take to arrive, however steadily it trickles. */
    static final long BODY_DEADLINE_MILLIS = BodyReader.BODY_DEADLINE_MILLIS;

    /** The error code of a response over {@link Limits#maxResponseBytes()}. */
    public static final String RESPONSE_LIMIT = "RESPONSE_LIMIT";

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
