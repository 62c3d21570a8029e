package io.dataexporter.api;

import io.dataexporter.common.config.SecretReferences;
import io.dataexporter.common.config.SettingSources;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's configuration. Keys are read from, highest precedence first, the environment
 * ({@code api.port} is {@code DATA_EXPORTER_API_PORT}), a properties file, then the local stack's
 * {@code stack.properties}. {@link #toString()} shows no secret.
 */
public record ApiConfig(
        int port,
        String env,
        String bucket,
        Optional<URI> s3Endpoint,
        String s3Region,
        Optional<String> s3AccessKey,
        Optional<String> s3SecretKey,
        String controlUrl,
        String controlUser,
        String controlPassword,
        Map<String, String> clientsByTokenHash,
        int maxConcurrentExports,
        int queueCapacity,
        Duration lease,
        Duration linkTtl,
        String launcher,
        Optional<String> emrClusterId,
        Optional<String> emrJar,
        Optional<URI> emrEndpoint,
        Optional<String> emrExecutionRoleArn,
        Optional<String> serverlessApplicationId,
        Optional<String> serverlessRoleArn,
        Optional<URI> serverlessEndpoint,
        int maxRequestBytes,
        int maxQueryDepth,
        int maxQueryFields,
        int maxInFlightPerClient,
        Duration startDeadline,
        int httpThreads,
        int httpMaxConnections,
        Duration httpIdleTimeout,
        Duration awsCallTimeout,
        Optional<LinkSigningKey> linkSigningKey,
        int probePort,
        int maxResponseBytes,
        boolean graphiqlEnabled) {

    /** The access key of the identity that signs download links, when it is not the server's own (see README: links). */
    public record LinkSigningKey(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "LinkSigningKey[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
        }
    }

    /** The defaults of the keys that have one. */
    public static final Map<String, String> DEFAULTS = defaults();

    /** {@code api.launcher=none}: the API server only queues requests; the launcher process ({@code launch}) launches them. */
    public static final String LAUNCHER_NONE = "none";

    /** Every key the server reads. */
    public static final List<String> KEYS = List.of("api.port", "export.env", "s3.bucket", "s3.endpoint", "s3.region", "s3.access-key", "s3.secret-key",
            "control.jdbc.url", "control.user", "control.password", "warehouse.jdbc.url", "warehouse.user", "warehouse.password", "api.token",
            "api.token-sha256", "api.max-concurrent-exports", "api.queue-capacity", "api.lease-seconds", "api.link-ttl-seconds", "api.launcher",
            "api.emr.cluster-id", "api.emr.jar", "api.emr.endpoint", "api.emr.execution-role-arn", "api.emr-serverless.application-id", "api.emr-serverless.role-arn",
            "api.emr-serverless.endpoint", "api.max-request-bytes", "api.max-query-depth", "api.max-query-fields", "api.tokens",
            "api.max-in-flight-per-client", "api.start-deadline-seconds", "api.http.threads", "api.http.max-connections",
            "api.http.idle-timeout-seconds", "api.aws-call-timeout-seconds", "secrets.endpoint", "api.links.access-key-id", "api.links.secret-access-key",
            "api.probe-port", "api.max-response-bytes", "api.graphiql.enabled");

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("api.port", "8080");
        defaults.put("export.env", "local");
        defaults.put("s3.region", "ap-southeast-2");
        defaults.put("api.max-concurrent-exports", "2");
        defaults.put("api.queue-capacity", "8");
        defaults.put("api.lease-seconds", "120");
        defaults.put("api.link-ttl-seconds", "86400");
        defaults.put("api.launcher", "local");
        defaults.put("api.max-request-bytes", "65536");
        defaults.put("api.max-query-depth", "8");
        defaults.put("api.max-query-fields", "100");
        defaults.put("api.max-in-flight-per-client", "4");
        defaults.put("api.start-deadline-seconds", "1800");
        defaults.put("api.http.threads", "16");
        defaults.put("api.http.max-connections", "1024");
        defaults.put("api.http.idle-timeout-seconds", "15");
        defaults.put("api.aws-call-timeout-seconds", "20");
        defaults.put("api.probe-port", "8081");
        defaults.put("api.max-response-bytes", "1048576");
        defaults.put("api.graphiql.enabled", "true");
        return Map.copyOf(defaults);
    }

    /**
     * The settings, through the reader every entry point shares ({@link SettingSources}): the environment first, then the
     * lower layers in order (the {@code --config} file, a local stack's values), then {@link #DEFAULTS}.
     */
    public static Map<String, String> merge(Map<String, String> environment, List<Map<String, String>> lowerLayers) {
        List<SettingSources.Layer> layers = new java.util.ArrayList<>();
        layers.add(SettingSources.environment(environment, KEYS));
        for (int i = 0; i < lowerLayers.size(); i++) {
            layers.add(new SettingSources.Layer("layer " + (i + 1), withoutNulls(lowerLayers.get(i))));
        }
        return new SettingSources(layers).resolve(KEYS, DEFAULTS);
    }

    private static Map<String, String> withoutNulls(Map<String, String> values) {
        Map<String, String> kept = new HashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    public static String envName(String key) {
        return SettingSources.environmentName(key);
    }

    /** The control database alone (URL, user, password with a secret's ARN resolved): all that {@code migrate} needs. */
    public record ControlDatabaseSettings(String url, String user, String password) {
        @Override
        public String toString() {
            return "ControlDatabaseSettings[url=" + url + ", user=" + user + ", password=****]";
        }
    }

    public static ControlDatabaseSettings controlDatabase(Map<String, String> values) {
        Reader r = new Reader(values);
        String controlUrl = r.optional("control.jdbc.url").or(() -> r.optional("warehouse.jdbc.url"))
                .orElseThrow(() -> r.missing("control.jdbc.url", "JDBC URL of the control tables (de_internal.request_table)"));
        return new ControlDatabaseSettings(controlUrl, r.optional("control.user").or(() -> r.optional("warehouse.user")).orElse(null),
                r.optional("control.password").or(() -> r.optional("warehouse.password"))
                        .map(value -> SecretReferences.aws(r.required("s3.region"), r.optional("secrets.endpoint").map(URI::create))
                                .resolve("control.password", value)).orElse(""));
    }

    public static ApiConfig from(Map<String, String> values) {
        Reader r = new Reader(values);
        ControlDatabaseSettings control = controlDatabase(values);
        return new ApiConfig(r.integer("api.port", 0, 65535), r.required("export.env"), r.required("s3.bucket"),
                r.optional("s3.endpoint").map(URI::create), r.required("s3.region"), r.optional("s3.access-key"), r.optional("s3.secret-key"),
                control.url(), control.user(), control.password(),
                clients(r),
                r.integer("api.max-concurrent-exports", 1, 1000), r.integer("api.queue-capacity", 0, 100_000),
                Duration.ofSeconds(r.integer("api.lease-seconds", 15, 86_400)), Duration.ofSeconds(r.integer("api.link-ttl-seconds", 1, 604_800)),
                r.oneOf("api.launcher", "local", "emr-step", "emr-serverless", LAUNCHER_NONE),
                r.optional("api.emr.cluster-id"), r.optional("api.emr.jar"), r.optional("api.emr.endpoint").map(URI::create),
                r.optional("api.emr.execution-role-arn"),
                r.optional("api.emr-serverless.application-id"), r.optional("api.emr-serverless.role-arn"),
                r.optional("api.emr-serverless.endpoint").map(URI::create),
                r.integer("api.max-request-bytes", 1024, 10_000_000), r.integer("api.max-query-depth", 3, 50),
                r.integer("api.max-query-fields", 5, 10_000), r.integer("api.max-in-flight-per-client", 1, 1000),
                Duration.ofSeconds(r.integer("api.start-deadline-seconds", 60, 86_400)), r.integer("api.http.threads", 4, 1000), r.integer("api.http.max-connections", 8, 100_000),
                Duration.ofSeconds(r.integer("api.http.idle-timeout-seconds", 1, 3600)),
                Duration.ofSeconds(r.integer("api.aws-call-timeout-seconds", 1, 300)),
                linkSigningKey(r), r.integer("api.probe-port", 0, 65535), r.integer("api.max-response-bytes", 4096, 100_000_000),
                "true".equals(r.oneOf("api.graphiql.enabled", "true", "false")));
    }

    // both or neither; either may be a Secrets Manager ARN (with #key), resolved once here
    private static Optional<LinkSigningKey> linkSigningKey(Reader r) {
        Optional<String> id = r.optional("api.links.access-key-id");
        Optional<String> secret = r.optional("api.links.secret-access-key");
        if (id.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        if (id.isEmpty() || secret.isEmpty()) {
            throw r.missing(id.isEmpty() ? "api.links.access-key-id" : "api.links.secret-access-key",
                    "the link signing key needs both api.links.access-key-id and api.links.secret-access-key");
        }
        SecretReferences secrets = SecretReferences.aws(r.required("s3.region"), r.optional("secrets.endpoint").map(URI::create));
        return Optional.of(new LinkSigningKey(secrets.resolve("api.links.access-key-id", id.get()), secrets.resolve("api.links.secret-access-key", secret.get())));
    }

    /**
     * Clients by the SHA-256 hex of their token. {@code api.tokens} lists {@code name=hash} pairs; a bare hash in
     * {@code api.token-sha256} is the client {@code client-<first 8 hex>}; the local stack's plain development token
     * ({@code api.token}) is the client {@code local-developer}. A hash that is not 64 hex digits, or a name used for
     * two hashes, is an error naming the entry.
     */
    private static Map<String, String> clients(Reader r) {
        Map<String, String> clients = new java.util.LinkedHashMap<>();
        r.optional("api.tokens").ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(entry -> {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("Setting 'api.tokens' has entry '" + entry.replaceAll("=.*", "=...") + "'; each entry is"
                        + " <client name>=<sha256 hex of the token>, the name letters, digits, '.', '_' or '-'");
            }
            addClient(clients, "api.tokens", name, entry.substring(equals + 1).strip());
        }));
        r.optional("api.token-sha256").ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(hash -> addClient(clients, "api.token-sha256", "client-" + hash.substring(0, Math.min(8, hash.length())).toLowerCase(Locale.ROOT), hash)));
        r.optional("api.token").ifPresent(token -> addClient(clients, "api.token", "local-developer", io.dataexporter.api.http.BearerAuth.sha256(token)));
        return Map.copyOf(clients);
    }

    private static void addClient(Map<String, String> clients, String key, String name, String hash) {
        String normalized = hash.toLowerCase(Locale.ROOT);
        if (!normalized.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Setting '" + key + "' has a token hash for client '" + name + "' that is not 64 hex digits ("
                    + normalized.length() + " characters); put the SHA-256 of the token, e.g. printf %s TOKEN | sha256sum");
        }
        if (clients.containsValue(name) && !name.equals(clients.get(normalized))) {
            throw new IllegalArgumentException("Setting '" + key + "' names client '" + name + "' twice; give each token its own client name");
        }
        clients.put(normalized, name);
    }

    @Override
    public String toString() {
        return "ApiConfig[port=" + port + ", env=" + env + ", bucket=" + bucket + ", s3Endpoint=" + s3Endpoint.map(URI::toString).orElse("AWS")
                + ", control=" + io.dataexporter.common.config.JdbcUrls.describe(controlUrl) + ", clients=" + new java.util.TreeSet<>(clientsByTokenHash.values()) + ", maxConcurrentExports=" + maxConcurrentExports
                + ", queueCapacity=" + queueCapacity + ", lease=" + lease + ", launcher=" + launcher + ", secrets=****]";
    }

    private record Reader(Map<String, String> values) {

        Optional<String> optional(String key) {
            return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> missing(key, "required"));
        }

        IllegalArgumentException missing(String key, String what) {
            return new IllegalArgumentException("Setting '" + key + "' is not set (" + what + "); set " + envName(key) + " or put it in the --config file");
        }

        int integer(String key, int min, int max) {
            String value = required(key);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Setting '" + key + "' is '" + value + "'; expected a whole number from " + min + " to " + max);
        }

        String oneOf(String key, String... allowed) {
            String value = required(key);
            if (!List.of(allowed).contains(value)) {
                throw new IllegalArgumentException("Setting '" + key + "' is '" + value + "'; expected one of " + String.join(", ", allowed));
            }
            return value;
        }
    }
}
