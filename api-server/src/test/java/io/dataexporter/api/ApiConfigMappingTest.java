package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.api.http.BearerAuth;
import io.dataexporter.common.config.S3Access;
import io.dataexporter.common.config.SettingKey;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every key of the API server lands in its field, in the manner of Trino's {@code assertFullMapping}: two maps (one per
 * AWS launcher) that between them set every key of {@link ApiSettings#ALL} to a value other than its default each read
 * to a configuration written out here by hand, and taking any one key out of a map changes what is read (or refuses
 * it). The defaults are pinned the same way.
 */
class ApiConfigMappingTest {

    @Test
    void theFewestKeys_readToTheDefaults() {
        ApiConfig config = ApiConfig.from(ApiConfig.merge(Map.of(), List.of(Map.of("s3.bucket", "exports", "warehouse.jdbc.url", "jdbc:postgresql://db/wh"))));

        assertThat(config).isEqualTo(new ApiConfig("local", new S3Access("exports", Optional.empty(), "ap-southeast-2", Optional.empty(), Optional.empty()),
                new ApiConfig.ControlDatabaseSettings("jdbc:postgresql://db/wh", null, ""), Map.of(),
                new ApiConfig.HttpSettings(8080, 8081, 16, 1024, Duration.ofSeconds(15), 65_536, 1_048_576),
                new ApiConfig.GraphQlSettings(8, 100, true),
                new ApiConfig.QueueSettings(2, 8, 4, Duration.ofSeconds(120), Duration.ofSeconds(1800)),
                new ApiConfig.LinkSettings(Duration.ofSeconds(86_400), Optional.empty()),
                new LauncherSettings.Local(), Duration.ofSeconds(20)));
    }

    @Test
    void emrStep_everyKeyInItsField() {
        assertFullMapping(emrStepMap(), expected(new ApiConfig.ControlDatabaseSettings("jdbc:postgresql://control:5432/de", "api", "control-password"),
                new LauncherSettings.EmrStep("j-CLUSTER", "s3://jars/jobs.jar",
                "arn:aws:iam::123456789012:role/job", Optional.of(URI.create("http://emr.local:5000")))));
    }

    @Test
    void emrServerless_everyKeyInItsField() {
        assertFullMapping(serverlessMap(), expected(new ApiConfig.ControlDatabaseSettings("jdbc:postgresql://wh:5432/pm", "wh-user", "wh-password"),
                new LauncherSettings.EmrServerless("00app", "arn:aws:iam::123456789012:role/serverless",
                "s3://jars/jobs.jar", Optional.of(URI.create("http://serverless.local:5000")))));
    }

    @Test
    void theMapsBetweenThem_setEveryKey_toAValueThatIsNotItsDefault() {
        Set<String> set = new HashSet<>(emrStepMap().keySet());
        set.addAll(serverlessMap().keySet());

        assertThat(set).containsExactlyInAnyOrderElementsOf(ApiSettings.ALL.stream().map(SettingKey::name).toList());
        for (SettingKey key : ApiSettings.ALL) {
            assertThat(emrStepMap().getOrDefault(key.name(), serverlessMap().get(key.name()))).as(key.name()).isNotEqualTo(key.defaultValue());
        }
        assertThat(ApiConfig.KEYS).hasSize(ApiSettings.ALL.size()).doesNotHaveDuplicates();
    }

    private static ApiConfig expected(ApiConfig.ControlDatabaseSettings control, LauncherSettings launcher) {
        return new ApiConfig("prod", new S3Access("exports-prod", Optional.of(URI.create("http://s3.local:9000")), "us-west-2",
                Optional.of("AKIAEXAMPLE"), Optional.of("s3-secret")),
                control,
                Map.of(BearerAuth.sha256("t1"), "databricks", BearerAuth.sha256("t2"), "client-" + BearerAuth.sha256("t2").substring(0, 8),
                        BearerAuth.sha256("dev"), "local-developer"),
                new ApiConfig.HttpSettings(9090, 9091, 8, 64, Duration.ofSeconds(5), 2048, 8192),
                new ApiConfig.GraphQlSettings(5, 50, false),
                new ApiConfig.QueueSettings(3, 9, 2, Duration.ofSeconds(60), Duration.ofSeconds(600)),
                new ApiConfig.LinkSettings(Duration.ofSeconds(3600), Optional.of(new ApiConfig.LinkSigningKey("AKIALINKS", "links-secret"))),
                launcher, Duration.ofSeconds(7));
    }

    private static void assertFullMapping(Map<String, String> values, ApiConfig expected) {
        assertThat(ApiConfig.from(values)).isEqualTo(expected);
        for (String key : values.keySet()) {
            if (key.equals("secrets.endpoint")) {
                continue; // read once at start to resolve secrets given as ARNs, and kept nowhere: SecretReferencesIT reads through it
            }
            Map<String, String> without = new HashMap<>(values);
            without.remove(key);
            assertThat(outcome(without)).as("without " + key).isNotEqualTo(outcome(values));
        }
    }

    private static Object outcome(Map<String, String> values) {
        try {
            return ApiConfig.from(values);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static Map<String, String> common() {
        Map<String, String> values = new HashMap<>();
        values.put("export.env", "prod");
        values.put("s3.bucket", "exports-prod");
        values.put("s3.endpoint", "http://s3.local:9000");
        values.put("s3.region", "us-west-2");
        values.put("s3.access-key", "AKIAEXAMPLE");
        values.put("s3.secret-key", "s3-secret");
        values.put("secrets.endpoint", "http://secrets.local:4566");
        values.put("api.port", "9090");
        values.put("api.probe-port", "9091");
        values.put("api.token", "dev");
        values.put("api.token-sha256", BearerAuth.sha256("t2"));
        values.put("api.tokens", "databricks=" + BearerAuth.sha256("t1"));
        values.put("api.max-concurrent-exports", "3");
        values.put("api.queue-capacity", "9");
        values.put("api.lease-seconds", "60");
        values.put("api.link-ttl-seconds", "3600");
        values.put("api.emr.jar", "s3://jars/jobs.jar");
        values.put("api.max-request-bytes", "2048");
        values.put("api.max-response-bytes", "8192");
        values.put("api.max-query-depth", "5");
        values.put("api.max-query-fields", "50");
        values.put("api.max-in-flight-per-client", "2");
        values.put("api.start-deadline-seconds", "600");
        values.put("api.http.threads", "8");
        values.put("api.http.max-connections", "64");
        values.put("api.http.idle-timeout-seconds", "5");
        values.put("api.aws-call-timeout-seconds", "7");
        values.put("api.links.access-key-id", "AKIALINKS");
        values.put("api.links.secret-access-key", "links-secret");
        values.put("api.graphiql.enabled", "false");
        return values;
    }

    private static Map<String, String> emrStepMap() {
        Map<String, String> values = common();
        values.put("api.launcher", "emr-step");
        values.put("api.emr.cluster-id", "j-CLUSTER");
        values.put("api.emr.endpoint", "http://emr.local:5000");
        values.put("api.emr.execution-role-arn", "arn:aws:iam::123456789012:role/job");
        values.put("control.jdbc.url", "jdbc:postgresql://control:5432/de");
        values.put("control.user", "api");
        values.put("control.password", "control-password");
        return values;
    }

    private static Map<String, String> serverlessMap() {
        Map<String, String> values = common();
        values.put("api.launcher", "emr-serverless");
        values.put("api.emr-serverless.application-id", "00app");
        values.put("api.emr-serverless.role-arn", "arn:aws:iam::123456789012:role/serverless");
        values.put("api.emr-serverless.endpoint", "http://serverless.local:5000");
        // without control.*, the control database is the warehouse's
        values.put("warehouse.jdbc.url", "jdbc:postgresql://wh:5432/pm");
        values.put("warehouse.user", "wh-user");
        values.put("warehouse.password", "wh-password");
        return values;
    }
}
