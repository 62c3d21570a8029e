package io.dataexporter.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets given as AWS Secrets Manager references instead of values: a setting whose value is a secret's ARN
 * ({@code arn:aws:secretsmanager:...}) is replaced by the secret's string, or, with {@code #key} after the ARN, by that
 * key of the secret's JSON. Each is resolved once, at start; only the ARN ever appears in arguments, logs or errors.
 */
public final class SecretReferences {

    private static final String PREFIX = "arn:aws:secretsmanager:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, String> fetch;

    /** @param fetch the secret string of an ARN (GetSecretValue) */
    public SecretReferences(Function<String, String> fetch) {
        this.fetch = fetch;
    }

    /** Resolves through Secrets Manager in {@code region} ({@code endpoint} overrides the service address); no call unless a reference appears. */
    public static SecretReferences aws(String region, Optional<URI> endpoint) {
        return new SecretReferences(arn -> {
            var builder = SecretsManagerClient.builder().region(Region.of(region))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(15)));
            endpoint.ifPresent(builder::endpointOverride);
            try (SecretsManagerClient client = builder.build()) {
                return client.getSecretValue(request -> request.secretId(arn)).secretString();
            }
        });
    }

    public static boolean isReference(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * The value itself, or the secret it refers to.
     *
     * @param setting the setting's name, for messages
     */
    public String resolve(String setting, String value) {
        if (!isReference(value)) {
            return value;
        }
        int hash = value.indexOf('#');
        String arn = hash < 0 ? value : value.substring(0, hash);
        String secret;
        try {
            secret = fetch.apply(arn);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot read setting '" + setting + "' from Secrets Manager secret " + arn + ": " + e.getMessage()
                    + "; check the ARN and that this role may call secretsmanager:GetSecretValue on it", e);
        }
        if (secret == null) {
            throw new IllegalArgumentException("Setting '" + setting + "' refers to Secrets Manager secret " + arn + ", which has no SecretString");
        }
        return hash < 0 ? secret : jsonKey(setting, arn, secret, value.substring(hash + 1));
    }

    private static String jsonKey(String setting, String arn, String secret, String key) {
        try {
            JsonNode node = JSON.readTree(secret).get(key);
            if (node == null || !node.isValueNode()) {
                throw new IllegalArgumentException("Setting '" + setting + "' refers to key '" + key + "' of Secrets Manager secret " + arn
                        + ", which has no such key; use ARN#key with a key of the secret's JSON");
            }
            return node.asText();
        } catch (IOException e) {
            // neither the parser's message nor the exception itself goes on: both quote the secret's value
            throw new IllegalArgumentException("Setting '" + setting + "' refers to key '" + key + "' of Secrets Manager secret " + arn
                    + ", whose value is not JSON; drop '#" + key + "' to use the whole string");
        }
    }
}
