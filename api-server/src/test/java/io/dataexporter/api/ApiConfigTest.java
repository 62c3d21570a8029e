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
        assertThat(new java.util.TreeMap<>(ApiConfig.DEFAULTS)).containsExactly(Map.entry("api.launcher", "local"), Map.entry("api.lease-seconds", "120"),
                Map.entry("api.link-ttl-seconds", "86400"), Map.entry("api.max-concurrent-exports", "2"), Map.entry("api.max-query-depth", "8"),
                Map.entry("api.max-request-bytes", "65536"), Map.entry("api.port", "8080"), Map.entry("api.queue-capacity", "8"),
                Map.entry("export.env", "local"), Map.entry("s3.region", "ap-southeast-2"));
        ApiConfig config = ApiConfig.from(ApiConfig.merge(Map.of(), List.of(BASE)));
        assertThat(config.controlUrl()).isEqualTo("jdbc:postgresql://db/wh");
        assertThat(config.lease()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.tokenSha256()).isEmpty();
    }

    @Test
    void merge_environmentBeatsFileBeatsStack_andThePlainStackTokenCountsAsItsHash() {
        Map<String, String> stack = new HashMap<>(BASE);
        stack.put("api.token", "dev-token");
        stack.put("api.port", "7000");
        Map<String, String> file = Map.of("api.port", "7100", "api.queue-capacity", "3");

        ApiConfig config = ApiConfig.from(ApiConfig.merge(Map.of("DATA_EXPORTER_API_PORT", "7200", "DATA_EXPORTER_API_TOKEN_SHA256", "ABC123"),
                List.of(file, stack)));

        assertThat(config.port()).isEqualTo(7200);
        assertThat(config.queueCapacity()).isEqualTo(3);
        assertThat(config.tokenSha256()).containsExactlyInAnyOrder("abc123", BearerAuth.sha256("dev-token"));
        assertThat(config.toString()).doesNotContain("dev-token");
    }

    @Test
    void from_whenALauncherIsUnknown_listsTheChoices() {
        Map<String, String> values = new HashMap<>(ApiConfig.merge(Map.of(), List.of(BASE)));
        values.put("api.launcher", "lambda");

        assertThatThrownBy(() -> ApiConfig.from(values)).hasMessage("Setting 'api.launcher' is 'lambda'; expected one of local, emr-step, emr-serverless");
    }

    @Test
    void bearerAuth_acceptsOnlyTheHashedToken() {
        BearerAuth auth = new BearerAuth(java.util.Set.of(BearerAuth.sha256("s3cret-token")));

        assertThat(auth.allows("Bearer s3cret-token")).isTrue();
        assertThat(auth.allows("bearer s3cret-token")).isTrue();
        assertThat(auth.allows("Bearer s3cret-token2")).isFalse();
        assertThat(auth.allows("Basic s3cret-token")).isFalse();
        assertThat(auth.allows(null)).isFalse();
    }
}
