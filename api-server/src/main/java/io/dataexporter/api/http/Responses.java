package io.dataexporter.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.Metrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** How the server answers: whole bodies with their length, errors as GraphQL-shaped JSON, probes from memory. */
final class Responses {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Set<String> PROBE_PATHS = Set.of("/healthz", "/readyz", "/metrics");

    private Responses() {
    }

    /** Answers a probe from what is in memory: liveness is a constant, readiness and the gauges a snapshot. */
    static void probe(String path, Response response, Callback callback, Metrics metrics, BooleanSupplier ready) {
        switch (path) {
            case "/healthz" -> send(response, callback, 200, "text/plain; charset=utf-8", "ok\n");
            case "/readyz" -> {
                boolean up = ready.getAsBoolean();
                send(response, callback, up ? 200 : 503, "text/plain; charset=utf-8", up ? "ready\n" : "not ready: the control database does not answer\n");
            }
            default -> send(response, callback, 200, Metrics.CONTENT_TYPE, metrics.prometheusText());
        }
    }

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

}
