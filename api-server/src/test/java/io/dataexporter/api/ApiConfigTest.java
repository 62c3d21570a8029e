package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.api.http.BearerAuth;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    private static final Map<String, String> BASE = Map.of("s3.bucket", "exports", "warehouse.jdbc.url", "jdbc:postgresql://db/wh");

    @Test
    void defaults_arePinned() {
        assertThat(new java.util.TreeMap<>(ApiConfig.DEFAULTS)).containsExactly(Map.entry("api.aws-call-timeout-seconds", "20"), Map.entry("api.graphiql.enabled", "true"), Map.entry("api.http.idle-timeout-seconds", "15"),
                Map.entry("api.http.max-connections", "1024"), Map.entry("api.http.threads", "16"),
                Map.entry("api.launcher", "local"), Map.entry("api.lease-seconds", "120"),
                Map.entry("api.link-ttl-seconds", "86400"), Map.entry("api.max-concurrent-exports", "2"), Map.entry("api.max-in-flight-per-client", "4"),
                Map.entry("api.max-query-depth", "8"), Map.entry("api.max-query-fields", "100"),
                Map.entry("api.max-request-bytes", "65536"), Map.entry("api.max-response-bytes", "1048576"), Map.entry("api.port", "8080"),
                Map.entry("api.probe-port", "8081"), Map.entry("api.queue-capacity", "8"),
                Map.entry("api.start-deadline-seconds", "1800"), Map.entry("export.env", "local"), Map.entry("s3.region", "ap-southeast-2"));
        ApiConfig config = ApiConfig.from(ApiConfig.merge(Map.of(), List.of(BASE)));
        assertThat(config.control().url()).isEqualTo("jdbc:postgresql://db/wh");
        assertThat(config.queue().lease()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.clientsByTokenHash()).isEmpty();
    }

    @Test
    void merge_environmentBeatsFileBeatsStack_andThePlainStackTokenCountsAsItsHash() {
        Map<String, String> stack = new HashMap<>(BASE);
        stack.put("api.token", "dev-token");
        stack.put("api.port", "7000");
        Map<String, String> file = Map.of("api.port", "7100", "api.queue-capacity", "3");

        String hash = BearerAuth.sha256("databricks-token");
        ApiConfig config = ApiConfig.from(ApiConfig.merge(Map.of("DATA_EXPORTER_API_PORT", "7200", "DATA_EXPORTER_API_TOKEN_SHA256", hash.toUpperCase()),
                List.of(file, stack)));

        assertThat(config.http().port()).isEqualTo(7200);
        assertThat(config.queue().queueCapacity()).isEqualTo(3);
        assertThat(config.clientsByTokenHash()).containsOnly(Map.entry(hash, "client-" + hash.substring(0, 8)),
                Map.entry(BearerAuth.sha256("dev-token"), "local-developer"));
        assertThat(config.toString()).doesNotContain("dev-token");
    }

    @Test
    void toString_namesTheControlDatabaseByHostAndName_neverTheUrlsParameters() {
        Map<String, String> values = ApiConfig.merge(Map.of("DATA_EXPORTER_CONTROL_JDBC_URL",
                "jdbc:postgresql://control-db:5432/data_exporter?user=admin&password=hunter2-secret"), List.of(BASE));

        assertThat(ApiConfig.from(values).toString()).contains("control=database 'data_exporter' on control-db:5432").doesNotContain("hunter2")
                .doesNotContain("password=hunter2");
    }

    @Test
    void linkSigningKey_isBothHalvesOrNone_andNeverPrinted() {
        assertThat(ApiConfig.from(ApiConfig.merge(Map.of(), List.of(BASE))).links().signingKey()).isEmpty();
        Map<String, String> values = ApiConfig.merge(Map.of("DATA_EXPORTER_API_LINKS_ACCESS_KEY_ID", "AKIALINKSIGNER",
                "DATA_EXPORTER_API_LINKS_SECRET_ACCESS_KEY", "signer-secret"), List.of(BASE));
        ApiConfig config = ApiConfig.from(values);

        assertThat(config.links().signingKey()).contains(new ApiConfig.LinkSigningKey("AKIALINKSIGNER", "signer-secret"));
        assertThat(config.links().signingKey().orElseThrow().toString()).isEqualTo("LinkSigningKey[accessKeyId=AKIALINKSIGNER, secretAccessKey=****]");
        Map<String, String> half = ApiConfig.merge(Map.of("DATA_EXPORTER_API_LINKS_ACCESS_KEY_ID", "AKIALINKSIGNER"), List.of(BASE));
        assertThatThrownBy(() -> ApiConfig.from(half)).hasMessage("Setting 'api.links.secret-access-key' is not set (the link signing key needs both"
                + " api.links.access-key-id and api.links.secret-access-key); set it in the --config file or as DATA_EXPORTER_API_LINKS_SECRET_ACCESS_KEY");
    }

    @Test
    void from_whenALauncherIsUnknown_listsTheChoices() {
        Map<String, String> values = new HashMap<>(ApiConfig.merge(Map.of(), List.of(BASE)));
        values.put("api.launcher", "lambda");

        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessage("Setting 'api.launcher' is 'lambda'; expected one of local, emr-step, emr-serverless,"
                + " none");
    }

    @Test
    void launcherProcess_refusesALauncherThatDoesNotLaunchOnAws_beforeItConnectsToAnything() {
        Map<String, String> values = new HashMap<>(ApiConfig.merge(Map.of(), List.of(BASE)));
        values.put("api.launcher", "none");
        ApiConfig none = ApiConfig.from(values);
        values.put("api.launcher", "local");
        ApiConfig local = ApiConfig.from(values);

        assertThatThrownBy(() -> LauncherApplication.fromConfig(none, "127.0.0.1")).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "Setting 'api.launcher' is 'none', which launches nothing on AWS; set DATA_EXPORTER_API_LAUNCHER to emr-step or emr-serverless for the"
                        + " launcher process");
        assertThatThrownBy(() -> LauncherApplication.fromConfig(local, "127.0.0.1")).hasMessage("Setting 'api.launcher' is 'local', which launches"
                + " nothing on AWS; set DATA_EXPORTER_API_LAUNCHER to emr-step or emr-serverless for the launcher process");
    }

    @Test
    void from_anAwsLauncherWithoutItsSettings_namesTheMissingOne_andTheLauncherThatNeedsIt() {
        Map<String, String> values = new HashMap<>(ApiConfig.merge(Map.of(), List.of(BASE)));
        values.put("api.launcher", "emr-step");
        values.put("api.emr.cluster-id", "j-ABCDEF");

        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessage("Setting 'api.emr.jar' is not set (s3:// URI of the jobs' jar the steps run;"
                + " api.launcher=emr-step needs it); set it in the --config file or as DATA_EXPORTER_API_EMR_JAR");
        values.put("api.launcher", "emr-serverless");
        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessageStartingWith("Setting 'api.emr-serverless.application-id' is not set");
    }

    @Test
    void bearerAuth_acceptsOnlyTheHashedToken_andNamesItsClient() {
        BearerAuth auth = new BearerAuth(Map.of(BearerAuth.sha256("s3cret-token"), "databricks-prod"));

        assertThat(auth.client("Bearer s3cret-token")).contains("databricks-prod");
        assertThat(auth.client("bearer s3cret-token")).contains("databricks-prod");
        assertThat(auth.client("Bearer s3cret-token2")).isEmpty();
        assertThat(auth.client("Basic s3cret-token")).isEmpty();
        assertThat(auth.client(null)).isEmpty();
    }

    @Test
    void from_namedClientTokens_areValidated() {
        String hash = BearerAuth.sha256("t1");
        Map<String, String> values = new HashMap<>(ApiConfig.merge(Map.of(), List.of(BASE)));
        values.put("api.tokens", "databricks-prod=" + hash + ", analytics = " + BearerAuth.sha256("t2"));
        assertThat(ApiConfig.from(values).clientsByTokenHash()).containsOnly(Map.entry(hash, "databricks-prod"),
                Map.entry(BearerAuth.sha256("t2"), "analytics"));

        values.put("api.tokens", "databricks-prod=abc123");
        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessage("Setting 'api.tokens' has a token hash for client 'databricks-prod' that is not"
                + " 64 hex digits (6 characters); put the SHA-256 of the token, e.g. printf %s TOKEN | sha256sum");
        values.put("api.tokens", hash);
        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessage("Setting 'api.tokens' has entry '" + hash + "'; each entry is"
                + " <client name>=<sha256 hex of the token>, the name letters, digits, '.', '_' or '-'");
        values.put("api.tokens", "a=" + hash + ",a=" + BearerAuth.sha256("t2"));
        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessage("Setting 'api.tokens' names client 'a' twice; give each token its own client name");
        values.remove("api.tokens");
        values.put("api.lease-seconds", "5");
        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessage("Setting 'api.lease-seconds' is '5'; expected a whole number from 15 to 86400");
    }
}
