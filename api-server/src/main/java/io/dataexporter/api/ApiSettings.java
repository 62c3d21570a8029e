package io.dataexporter.api;

import io.dataexporter.common.config.SettingKey;
import io.dataexporter.common.config.SharedSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key the API server and the launcher read, with its default: the shared keys ({@link SharedSettings}) and the
 * server's own. {@link ApiConfig#KEYS} and {@link ApiConfig#DEFAULTS} are derived from this list.
 */
public final class ApiSettings {

    public static final SettingKey PORT = SettingKey.of("api.port", "8080", "Port of the GraphQL API");
    public static final SettingKey PROBE_PORT = SettingKey.of("api.probe-port", "8081", "Port of /healthz, /readyz and /metrics, on their own threads");
    public static final SettingKey TOKEN = SettingKey.secret("api.token", "The local stack's plain development token (client local-developer)");
    public static final SettingKey TOKEN_SHA256 = SettingKey.of("api.token-sha256", null, "SHA-256 hex of accepted tokens, comma-separated (client client-<first 8 hex>)");
    public static final SettingKey TOKENS = SettingKey.of("api.tokens", null, "Named clients: <name>=<sha256 hex of the token>, comma-separated");
    public static final SettingKey MAX_CONCURRENT_EXPORTS = SettingKey.of("api.max-concurrent-exports", "2", "Range exports running at once");
    public static final SettingKey QUEUE_CAPACITY = SettingKey.of("api.queue-capacity", "8", "Requests waiting for a slot before new ones are refused");
    public static final SettingKey LEASE_SECONDS = SettingKey.of("api.lease-seconds", "120", "A running export's heartbeat lease; past it the export counts as lost");
    public static final SettingKey LINK_TTL_SECONDS = SettingKey.of("api.link-ttl-seconds", "86400", "How long a presigned download link is valid");
    public static final SettingKey LAUNCHER = SettingKey.of("api.launcher", "local", "local, emr-step, emr-serverless or none (the launcher process launches)");
    public static final SettingKey EMR_CLUSTER_ID = SettingKey.of("api.emr.cluster-id", null, "EMR cluster the range steps are added to (api.launcher=emr-step)");
    public static final SettingKey EMR_JAR = SettingKey.of("api.emr.jar", null, "s3:// URI of the jobs' jar the steps run");
    public static final SettingKey EMR_ENDPOINT = SettingKey.of("api.emr.endpoint", null, "EMR endpoint override");
    public static final SettingKey EMR_EXECUTION_ROLE_ARN = SettingKey.of("api.emr.execution-role-arn", null, "Runtime role every range step runs as");
    public static final SettingKey SERVERLESS_APPLICATION_ID = SettingKey.of("api.emr-serverless.application-id", null,
            "EMR Serverless application of the range job runs (api.launcher=emr-serverless)");
    public static final SettingKey SERVERLESS_ROLE_ARN = SettingKey.of("api.emr-serverless.role-arn", null, "Execution role of the EMR Serverless job runs");
    public static final SettingKey SERVERLESS_ENDPOINT = SettingKey.of("api.emr-serverless.endpoint", null, "EMR Serverless endpoint override");
    public static final SettingKey MAX_REQUEST_BYTES = SettingKey.of("api.max-request-bytes", "65536", "Largest request body; larger gets 413");
    public static final SettingKey MAX_RESPONSE_BYTES = SettingKey.of("api.max-response-bytes", "1048576", "Largest response body");
    public static final SettingKey MAX_QUERY_DEPTH = SettingKey.of("api.max-query-depth", "8", "Deepest GraphQL query accepted");
    public static final SettingKey MAX_QUERY_FIELDS = SettingKey.of("api.max-query-fields", "100", "Most fields one GraphQL query may select");
    public static final SettingKey MAX_IN_FLIGHT_PER_CLIENT = SettingKey.of("api.max-in-flight-per-client", "4", "Unfinished requests one client may hold");
    public static final SettingKey START_DEADLINE_SECONDS = SettingKey.of("api.start-deadline-seconds", "1800",
            "How long a launched export may take to report its first heartbeat");
    public static final SettingKey HTTP_THREADS = SettingKey.of("api.http.threads", "16", "Threads of the API's HTTP server");
    public static final SettingKey HTTP_MAX_CONNECTIONS = SettingKey.of("api.http.max-connections", "1024", "Open connections the API accepts");
    public static final SettingKey HTTP_IDLE_TIMEOUT_SECONDS = SettingKey.of("api.http.idle-timeout-seconds", "15", "Idle connection timeout");
    public static final SettingKey AWS_CALL_TIMEOUT_SECONDS = SettingKey.of("api.aws-call-timeout-seconds", "20", "Bound of every AWS call of the server");
    public static final SettingKey LINKS_ACCESS_KEY_ID = SettingKey.of("api.links.access-key-id", null,
            "Access key of the identity that signs download links (or a Secrets Manager ARN)");
    public static final SettingKey LINKS_SECRET_ACCESS_KEY = SettingKey.secret("api.links.secret-access-key",
            "Secret key of the link signing identity (or a Secrets Manager ARN)");
    public static final SettingKey GRAPHIQL_ENABLED = SettingKey.of("api.graphiql.enabled", "true", "Serve GraphiQL at /graphiql");

    /** The API's own keys. */
    public static final List<SettingKey> OWN = List.of(PORT, TOKEN, TOKEN_SHA256, MAX_CONCURRENT_EXPORTS, QUEUE_CAPACITY, LEASE_SECONDS,
            LINK_TTL_SECONDS, LAUNCHER, EMR_CLUSTER_ID, EMR_JAR, EMR_ENDPOINT, EMR_EXECUTION_ROLE_ARN, SERVERLESS_APPLICATION_ID,
            SERVERLESS_ROLE_ARN, SERVERLESS_ENDPOINT, MAX_REQUEST_BYTES, MAX_QUERY_DEPTH, MAX_QUERY_FIELDS, TOKENS, MAX_IN_FLIGHT_PER_CLIENT,
            START_DEADLINE_SECONDS, HTTP_THREADS, HTTP_MAX_CONNECTIONS, HTTP_IDLE_TIMEOUT_SECONDS, AWS_CALL_TIMEOUT_SECONDS,
            LINKS_ACCESS_KEY_ID, LINKS_SECRET_ACCESS_KEY, PROBE_PORT, MAX_RESPONSE_BYTES, GRAPHIQL_ENABLED);

    /** Every key the server reads: the shared ones, then its own. */
    public static final List<SettingKey> ALL = all();

    private ApiSettings() {
    }

    private static List<SettingKey> all() {
        List<SettingKey> all = new ArrayList<>(SharedSettings.ALL);
        all.addAll(OWN);
        return List.copyOf(all);
    }

    static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        ALL.stream().filter(key -> key.defaultValue() != null).forEach(key -> defaults.put(key.name(), key.defaultValue()));
        return Map.copyOf(defaults);
    }
}
