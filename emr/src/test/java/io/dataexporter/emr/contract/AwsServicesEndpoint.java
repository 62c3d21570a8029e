package io.dataexporter.emr.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A loopback endpoint that answers as Secrets Manager (GetSecretValue), SNS (Publish) and EMR (the step calls) do, and
 * records each call as IAM authorizes it: the action, the resource ARN it names and the condition keys it carries.
 */
final class AwsServicesEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final CallLog log;
    private final String identity;
    private final Map<String, String> secrets;
    private final String region;
    private final String account;

    /**
     * @param identity who calls this endpoint (each party gets its own)
     * @param secrets  secret string by secret ARN
     */
    AwsServicesEndpoint(CallLog log, String identity, Map<String, String> secrets, String region, String account) throws IOException {
        this.log = log;
        this.identity = identity;
        this.secrets = secrets;
        this.region = region;
        this.account = account;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        try {
            if (target.startsWith("secretsmanager.")) {
                JsonNode request = JSON.readTree(body);
                String id = request.get("SecretId").asText();
                log.record(identity, "secretsmanager:" + target.substring("secretsmanager.".length()), id, Map.of(), target);
                String value = secrets.get(id);
                if (value == null) {
                    answer(exchange, 400, "application/x-amz-json-1.1", "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");
                } else {
                    answer(exchange, 200, "application/x-amz-json-1.1", JSON.createObjectNode().put("ARN", id).put("Name", id.replaceAll(".*:secret:", ""))
                            .put("SecretString", value).toString());
                }
            } else if (target.startsWith("ElasticMapReduce.")) {
                JsonNode request = JSON.readTree(body);
                String operation = target.substring("ElasticMapReduce.".length());
                String cluster = request.has("JobFlowId") ? request.get("JobFlowId").asText() : request.path("ClusterId").asText();
                Map<String, String> context = request.has("ExecutionRoleArn") ? Map.of("elasticmapreduce:ExecutionRoleArn", request.get("ExecutionRoleArn").asText())
                        : Map.of();
                log.record(identity, "elasticmapreduce:" + operation, "arn:aws:elasticmapreduce:" + region + ":" + account + ":cluster/" + cluster, context, target);
                String answer = switch (operation) {
                    case "AddJobFlowSteps" -> "{\"StepIds\":[\"s-CONTRACT\"]}";
                    case "ListSteps" -> "{\"Steps\":[]}";
                    case "DescribeStep" -> "{\"Step\":{\"Id\":\"s-CONTRACT\",\"Status\":{\"State\":\"RUNNING\"}}}";
                    default -> "{}";
                };
                answer(exchange, 200, "application/x-amz-json-1.1", answer);
            } else {
                Map<String, String> form = form(body);
                if (!"Publish".equals(form.get("Action"))) {
                    throw new IllegalStateException("not an SNS Publish: " + body);
                }
                log.record(identity, "sns:Publish", form.get("TopicArn"), Map.of(), "Action=Publish");
                answer(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m-1"
                        + "</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>");
            }
        } catch (RuntimeException e) {
            log.record(identity, "unknown", target, Map.of(), body);
            answer(exchange, 500, "text/plain", e.toString());
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
