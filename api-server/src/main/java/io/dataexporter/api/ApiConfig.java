package io.dataexporter.api;

import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.common.config.JdbcUrls;
import io.dataexporter.common.config.S3Access;
import io.dataexporter.common.config.SecretReferences;
import io.dataexporter.common.config.SettingKey;
import io.dataexporter.common.config.SettingSources;
import io.dataexporter.common.config.SharedSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The API server's and the launcher's configuration, one record per concern, read through the same {@link ConfigSources}
 * as the jobs: the environment ({@code api.port} is {@code DATA_EXPORTER_API_PORT}) first, then a properties file, then
 * the local stack's {@code stack.properties}, then the keys' defaults ({@link ApiSettings}). {@link #toString()} shows no
 * secret.
 */
public record ApiConfig(
        String env,
        S3Access s3,
        ControlDatabaseSettings control,
        Map<String, String> clientsByTokenHash,
        HttpSettings http,
        GraphQlSettings graphql,
        QueueSettings queue,
        LinkSettings links,
        LauncherSettings launcher,
        Duration awsCallTimeout) {

    /** The access key of the identity that signs download links, when it is not the server's own (see README: links). */
    public record LinkSigningKey(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "LinkSigningKey[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
        }
    }

    /** The two HTTP servers: the API's port and limits, and the probes' port. */
    public record HttpSettings(int port, int probePort, int threads, int maxConnections, Duration idleTimeout, int maxRequestBytes, int maxResponseBytes) {
    }

    /** What one GraphQL query may ask, and whether GraphiQL is served. */
    public record GraphQlSettings(int maxQueryDepth, int maxQueryFields, boolean graphiqlEnabled) {
    }

    /** How many range exports run and wait, per client and in all, and how long a launched one has to report. */
    public record QueueSettings(int maxConcurrentExports, int queueCapacity, int maxInFlightPerClient, Duration lease, Duration startDeadline) {
    }

    /** How long download links live, and who signs them. */
    public record LinkSettings(Duration ttl, Optional<LinkSigningKey> signingKey) {
    }

    /** The defaults of the keys that have one. */
    public static final Map<String, String> DEFAULTS = ApiSettings.defaults();

    /** Every key the server reads. */
    public static final List<String> KEYS = ApiSettings.ALL.stream().map(SettingKey::name).toList();

    /**
     * The settings, through the reader every entry point shares: the environment first, then the lower layers in order
     * (the {@code --config} file, a local stack's values), then {@link #DEFAULTS}.
     */
    public static Map<String, String> merge(Map<String, String> environment, List<Map<String, String>> lowerLayers) {
        return new SettingSources(layers(environment, lowerLayers).stream().map(layer -> new SettingSources.Layer(layer.name(), layer.values())).toList())
                .resolve(KEYS, DEFAULTS);
    }

    private static List<ConfigSources.Layer> layers(Map<String, String> environment, List<Map<String, String>> lowerLayers) {
        List<ConfigSources.Layer> layers = new ArrayList<>();
        layers.add(ConfigSources.environment(environment, ApiSettings.ALL));
        for (int i = 0; i < lowerLayers.size(); i++) {
            layers.add(new ConfigSources.Layer("layer " + (i + 1), withoutNulls(lowerLayers.get(i))));
        }
        return layers;
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
        return controlDatabase(sources(values));
    }

    private static ControlDatabaseSettings controlDatabase(ConfigSources r) {
        String controlUrl = r.find(SharedSettings.CONTROL_URL).or(() -> r.find(SharedSettings.WAREHOUSE_URL))
                .orElseThrow(() -> r.missing(SharedSettings.CONTROL_URL, SharedSettings.CONTROL_URL.description()));
        return new ControlDatabaseSettings(controlUrl, r.find(SharedSettings.CONTROL_USER).or(() -> r.find(SharedSettings.WAREHOUSE_USER)).orElse(null),
                r.find(SharedSettings.CONTROL_PASSWORD).or(() -> r.find(SharedSettings.WAREHOUSE_PASSWORD))
                        .map(value -> SharedSettings.secrets(r).resolve(SharedSettings.CONTROL_PASSWORD.name(), value)).orElse(""));
    }

    private static ConfigSources sources(Map<String, String> values) {
        return new ConfigSources(List.of(new ConfigSources.Layer("settings", withoutNulls(values))));
    }

    public static ApiConfig from(Map<String, String> values) {
        ConfigSources r = sources(values);
        return new ApiConfig(r.require(SharedSettings.ENV), SharedSettings.s3(r), controlDatabase(r), clients(r),
                new HttpSettings(r.requireInt(ApiSettings.PORT, 0, 65535), r.requireInt(ApiSettings.PROBE_PORT, 0, 65535),
                        r.requireInt(ApiSettings.HTTP_THREADS, 4, 1000), r.requireInt(ApiSettings.HTTP_MAX_CONNECTIONS, 8, 100_000),
                        r.requireSeconds(ApiSettings.HTTP_IDLE_TIMEOUT_SECONDS, 1, 3600), r.requireInt(ApiSettings.MAX_REQUEST_BYTES, 1024, 10_000_000),
                        r.requireInt(ApiSettings.MAX_RESPONSE_BYTES, 4096, 100_000_000)),
                new GraphQlSettings(r.requireInt(ApiSettings.MAX_QUERY_DEPTH, 3, 50), r.requireInt(ApiSettings.MAX_QUERY_FIELDS, 5, 10_000),
                        r.requireBoolean(ApiSettings.GRAPHIQL_ENABLED)),
                new QueueSettings(r.requireInt(ApiSettings.MAX_CONCURRENT_EXPORTS, 1, 1000), r.requireInt(ApiSettings.QUEUE_CAPACITY, 0, 100_000),
                        r.requireInt(ApiSettings.MAX_IN_FLIGHT_PER_CLIENT, 1, 1000), r.requireSeconds(ApiSettings.LEASE_SECONDS, 15, 86_400),
                        r.requireSeconds(ApiSettings.START_DEADLINE_SECONDS, 60, 86_400)),
                new LinkSettings(r.requireSeconds(ApiSettings.LINK_TTL_SECONDS, 1, 604_800), linkSigningKey(r)),
                launcher(r), r.requireSeconds(ApiSettings.AWS_CALL_TIMEOUT_SECONDS, 1, 300));
    }

    private static LauncherSettings launcher(ConfigSources r) {
        return switch (r.choice(ApiSettings.LAUNCHER, LauncherSettings.Kind.class)) {
            case LOCAL -> new LauncherSettings.Local();
            case EMR_STEP -> new LauncherSettings.EmrStep(neededBy(r, ApiSettings.EMR_CLUSTER_ID), neededBy(r, ApiSettings.EMR_JAR),
                    neededBy(r, ApiSettings.EMR_EXECUTION_ROLE_ARN), r.find(ApiSettings.EMR_ENDPOINT).map(URI::create));
            case EMR_SERVERLESS -> new LauncherSettings.EmrServerless(neededBy(r, ApiSettings.SERVERLESS_APPLICATION_ID),
                    neededBy(r, ApiSettings.SERVERLESS_ROLE_ARN), neededBy(r, ApiSettings.EMR_JAR), r.find(ApiSettings.SERVERLESS_ENDPOINT).map(URI::create));
            case NONE -> new LauncherSettings.None();
        };
    }

    private static String neededBy(ConfigSources r, SettingKey key) {
        return r.find(key).orElseThrow(() -> r.missing(key, key.description() + "; api.launcher=" + r.require(ApiSettings.LAUNCHER) + " needs it"));
    }

    // both or neither; either may be a Secrets Manager ARN (with #key), resolved once here
    private static Optional<LinkSigningKey> linkSigningKey(ConfigSources r) {
        Optional<String> id = r.find(ApiSettings.LINKS_ACCESS_KEY_ID);
        Optional<String> secret = r.find(ApiSettings.LINKS_SECRET_ACCESS_KEY);
        if (id.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        if (id.isEmpty() || secret.isEmpty()) {
            throw r.missing(id.isEmpty() ? ApiSettings.LINKS_ACCESS_KEY_ID : ApiSettings.LINKS_SECRET_ACCESS_KEY,
                    "the link signing key needs both api.links.access-key-id and api.links.secret-access-key");
        }
        SecretReferences secrets = SharedSettings.secrets(r);
        return Optional.of(new LinkSigningKey(secrets.resolve(ApiSettings.LINKS_ACCESS_KEY_ID.name(), id.get()),
                secrets.resolve(ApiSettings.LINKS_SECRET_ACCESS_KEY.name(), secret.get())));
    }

    /**
     * Clients by the SHA-256 hex of their token. {@code api.tokens} lists {@code name=hash} pairs; a bare hash in
     * {@code api.token-sha256} is the client {@code client-<first 8 hex>}; the local stack's plain development token
     * ({@code api.token}) is the client {@code local-developer}. A hash that is not 64 hex digits, or a name used for
     * two hashes, is an error naming the entry.
     */
    private static Map<String, String> clients(ConfigSources r) {
        Map<String, String> clients = new java.util.LinkedHashMap<>();
        r.find(ApiSettings.TOKENS).ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(entry -> {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("Setting 'api.tokens' has entry '" + entry.replaceAll("=.*", "=...") + "'; each entry is"
                        + " <client name>=<sha256 hex of the token>, the name letters, digits, '.', '_' or '-'");
            }
            addClient(clients, "api.tokens", name, entry.substring(equals + 1).strip());
        }));
        r.find(ApiSettings.TOKEN_SHA256).ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(hash -> addClient(clients, "api.token-sha256", "client-" + hash.substring(0, Math.min(8, hash.length())).toLowerCase(Locale.ROOT), hash)));
        r.find(ApiSettings.TOKEN).ifPresent(token -> addClient(clients, "api.token", "local-developer", io.dataexporter.api.http.BearerAuth.sha256(token)));
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
        return "ApiConfig[env=" + env + ", s3=" + s3 + ", control=" + JdbcUrls.describe(control.url()) + ", clients="
                + new TreeSet<>(clientsByTokenHash.values()) + ", http=" + http + ", graphql=" + graphql + ", queue=" + queue
                + ", linkTtl=" + links.ttl() + ", launcher=" + launcher + ", secrets=****]";
    }
}
