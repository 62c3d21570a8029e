package io.dataexporter.jobs.config;

import io.dataexporter.common.config.ConfigSources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Secrets given as Secrets Manager ARNs: the GetSecretValue requests as AWS receives them, and the values used, never shown. */
class SecretReferencesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PEPPER_ARN = "arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:data-exporter/pepper-AbCdEf";
    private static final String DB_ARN = "arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:data-exporter/warehouse-GhIjKl";

    @Test
    void read_resolvesArnSettingsOnceThroughGetSecretValue_andShowsNoSecret() throws Exception {
        List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        List<String> targets = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            bodies.add(body);
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String id = body.get("SecretId").asText();
            String secret = id.equals(PEPPER_ARN) ? "pepper-from-secrets-manager-0001" : "{\"username\":\"exporter\",\"password\":\"wh-secret-pw\"}";
            byte[] response = JSON.writeValueAsBytes(Map.of("ARN", id, "Name", "n", "SecretString", secret));
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
        try {
            Map<String, String> settings = new HashMap<>(Map.of("s3.bucket", "exports", "warehouse.jdbc.url", "jdbc:postgresql://db/wh",
                    "catalog.jdbc.url", "jdbc:postgresql://db/cat", "hash.pepper", PEPPER_ARN, "warehouse.password", DB_ARN + "#password",
                    "secrets.endpoint", "http://127.0.0.1:" + server.getAddress().getPort()));
            ExportConfig config = ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", settings))));

            assertThat(config.hashPepper()).contains("pepper-from-secrets-manager-0001");
            assertThat(config.warehouse().target().password()).isEqualTo("wh-secret-pw");
            assertThat(config.control().password()).isEqualTo("wh-secret-pw");
            assertThat(config.toString()).doesNotContain("pepper-from-secrets-manager").doesNotContain("wh-secret-pw");
            assertThat(targets).containsOnly("secretsmanager.GetSecretValue").hasSize(2);
            assertThat(bodies).extracting(body -> body.get("SecretId").asText()).containsExactlyInAnyOrder(PEPPER_ARN, DB_ARN);
            assertThat(authorizations).allSatisfy(value -> assertThat(value).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                    .contains("/ap-southeast-2/secretsmanager/aws4_request"));

            settings.put("warehouse.password", DB_ARN + "#passwd");
            assertThatThrownBy(() -> ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", settings)))))
                    .hasMessage("Setting 'warehouse.password' refers to key 'passwd' of Secrets Manager secret " + DB_ARN
                            + ", which has no such key; use ARN#key with a key of the secret's JSON");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            server.stop(0);
        }
        assertThat(new String(JSON.writeValueAsBytes(bodies), StandardCharsets.UTF_8)).doesNotContain("wh-secret-pw");
    }
}
