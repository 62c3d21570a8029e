package io.dataexporter.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import io.dataexporter.api.Metrics;
import io.dataexporter.api.graphql.GraphQlApi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * GraphQL over HTTP: a JSON body {@code {"query", "variables", "operationName"}} checked, executed for its client, and
 * answered as GraphQL's JSON; an unavailable control database is 503 with Retry-After, a document over its limits 400
 * (audited), a response over {@code api.max-response-bytes} an error instead.
 */
final class GraphQlHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphQlApi api;
    private final Metrics metrics;
    private final Refusals refusals;
    private final int maxResponseBytes;

    GraphQlHandler(GraphQlApi api, Metrics metrics, Refusals refusals, int maxResponseBytes) {
        this.api = api;
        this.metrics = metrics;
        this.refusals = refusals;
        this.maxResponseBytes = maxResponseBytes;
    }

    void answer(byte[] body, Request request, Response response, Callback callback, String client) throws IOException {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (IOException e) {
            Responses.sendErrors(response, callback, 400, "The body is not JSON; send {\"query\": \"...\", \"variables\": {...}}");
            return;
        }
        if (document == null || !document.hasNonNull("query") || !document.get("query").isTextual()) {
            Responses.sendErrors(response, callback, 400, "The body has no \"query\" string; send {\"query\": \"...\", \"variables\": {...}}");
            return;
        }
        JsonNode variables = document.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            Responses.sendErrors(response, callback, 400, "\"variables\" must be a JSON object (or absent), not " + variables.getNodeType().name().toLowerCase()
                    + "; send {\"query\": \"...\", \"variables\": {\"name\": value}}");
            return;
        }
        JsonNode operationName = document.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            Responses.sendErrors(response, callback, 400, "\"operationName\" must be a string (or absent)");
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
            refusals.record(request, response, 400, "client " + client + ": " + result.getErrors().get(0).getMessage());
        }
        byte[] answer = JSON.writeValueAsBytes(result.toSpecification());
        if (answer.length > maxResponseBytes) {
            metrics.increment("data_exporter_api_responses_too_large_total");
            String message = "The response would be " + answer.length + " bytes, more than the limit of " + maxResponseBytes
                    + " (api.max-response-bytes); ask for fewer fields or aliases";
            refusals.record(request, response, 400, "client " + client + ": " + message);
            Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("message", message);
            error.put("extensions", Map.of("code", ApiServer.RESPONSE_LIMIT));
            Responses.send(response, callback, 400, "application/json", JSON.writeValueAsString(Map.of("errors", List.of(error))));
            return;
        }
        Responses.send(response, callback, unavailable ? 503 : refused ? 400 : 200, "application/json", answer);
    }
}
