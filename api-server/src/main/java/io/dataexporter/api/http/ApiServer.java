package io.dataexporter.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionResult;
import io.dataexporter.api.Metrics;
import io.dataexporter.api.graphql.GraphQlApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: {@code POST /graphql} (GraphQL over HTTP, JSON; bearer token), {@code GET /graphiql} (bundled
 * GraphiQL), {@code /healthz}, {@code /readyz} (ready when the control database answers) and {@code /metrics}
 * (Prometheus). Bodies over the size limit get 413; no response ever carries a stack trace.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final GraphQlApi api;
    private final BearerAuth auth;
    private final Metrics metrics;
    private final BooleanSupplier ready;
    private final int maxRequestBytes;

    public ApiServer(String host, int port, GraphQlApi api, BearerAuth auth, Metrics metrics, BooleanSupplier ready, int maxRequestBytes) {
        this.api = api;
        this.auth = auth;
        this.metrics = metrics;
        this.ready = ready;
        this.maxRequestBytes = maxRequestBytes;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage() + "; choose another port with api.port", e);
        }
        server.setExecutor(executor);
        server.createContext("/graphql", exchange -> guarded(exchange, this::graphql));
        server.createContext("/graphiql", exchange -> guarded(exchange, GraphiqlPage::serve));
        server.createContext("/healthz", exchange -> guarded(exchange, e -> send(e, 200, "text/plain", "ok\n")));
        server.createContext("/readyz", exchange -> guarded(exchange, e -> send(e, ready.getAsBoolean() ? 200 : 503, "text/plain",
                ready.getAsBoolean() ? "ready\n" : "not ready: the control database does not answer\n")));
        server.createContext("/metrics", exchange -> guarded(exchange, e -> send(e, 200, "text/plain; version=0.0.4", metrics.prometheusText())));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void graphql(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Allow", "POST");
            sendErrors(exchange, 405, "Use POST /graphql with a JSON body {\"query\": ..., \"variables\": ...}");
            return;
        }
        if (!auth.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
            metrics.increment("data_exporter_api_unauthorized_total");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            sendErrors(exchange, 401, "Missing or invalid bearer token: send 'Authorization: Bearer <token>'");
            return;
        }
        byte[] body = readLimited(exchange.getRequestBody());
        if (body == null) {
            sendErrors(exchange, 413, "Request body larger than " + maxRequestBytes + " bytes");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            sendErrors(exchange, 400, "The body is not JSON; send {\"query\": \"...\", \"variables\": {...}}");
            return;
        }
        if (request == null || !request.hasNonNull("query") || !request.get("query").isTextual()) {
            sendErrors(exchange, 400, "The body has no \"query\" string; send {\"query\": \"...\", \"variables\": {...}}");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = request.hasNonNull("variables") ? JSON.convertValue(request.get("variables"), Map.class) : Map.of();
        String operation = request.hasNonNull("operationName") ? request.get("operationName").asText() : null;
        ExecutionResult result = api.execute(request.get("query").asText(), variables, operation);
        send(exchange, 200, "application/json", JSON.writeValueAsString(result.toSpecification()));
    }

    private byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(maxRequestBytes + 1);
        return bytes.length > maxRequestBytes ? null : bytes;
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void guarded(HttpExchange exchange, Handler handler) {
        try (exchange) {
            handler.handle(exchange);
        } catch (RuntimeException | IOException e) {
            String reference = UUID.randomUUID().toString();
            LOG.error("Internal error {} on {} {}", reference, exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                sendErrors(exchange, 500, "Internal error; quote reference " + reference + " to the Data Exporter team");
            } catch (IOException | RuntimeException ignored) {
                // the response may already be under way; the log has the error
            }
        }
    }

    private static void sendErrors(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsString(Map.of("errors", java.util.List.of(Map.of("message", message)))));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType.contains("charset") || !contentType.startsWith("text") && !contentType.contains("json")
                ? contentType : contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
