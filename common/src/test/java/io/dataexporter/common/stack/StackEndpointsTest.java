package io.dataexporter.common.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackEndpointsTest {

    private static StackEndpoints endpoints(String secret) {
        return new StackEndpoints("jdbc:postgresql://localhost:15432/postgres?user=postgres", "postgres", null, URI.create("http://127.0.0.1:19000"),
                "us-east-1", "key", secret, "bucket", "jdbc:postgresql://localhost:15432/iceberg_catalog");
    }

    @Test
    void toString_whenSecretSet_masksIt() {
        assertThat(endpoints("very-secret").toString())
                .isEqualTo("StackEndpoints[jdbcUrl=jdbc:postgresql://localhost:15432/postgres?user=postgres, user=postgres, s3Endpoint=http://127.0.0.1:19000,"
                        + " bucket=bucket, catalogJdbcUrl=jdbc:postgresql://localhost:15432/iceberg_catalog, s3AccessKey=key, s3SecretKey=****]");
    }

    @Test
    void postgresPort_readsThePortOfTheJdbcUrl() {
        assertThat(endpoints("s").postgresPort()).isEqualTo(15432);
        assertThat(endpoints("s").password()).isEmpty();
    }

    @Test
    void constructor_whenSecretMissing_namesTheField() {
        assertThatThrownBy(() -> endpoints(" ")).hasMessage("Stack endpoints lack 's3SecretKey'");
    }

    @Test
    void settings_whenPortsClash_saysSo() {
        assertThatThrownBy(() -> new StackSettings(Path.of("x"), 9000, 9000, "bucket"))
                .hasMessage("Cannot start the stack: PostgreSQL and S3 both asked for port 9000; give them different ports");
    }

    @Test
    void settings_whenPortOutOfRange_namesIt() {
        assertThatThrownBy(() -> new StackSettings(Path.of("x"), 70000, 9000, "bucket"))
                .hasMessage("Cannot start the stack: PostgreSQL port 70000 is out of range (1-65535, or 0 for any free port)");
    }

    @Test
    void settings_whenBucketInvalid_namesIt() {
        assertThatThrownBy(() -> new StackSettings(Path.of("x"), 1, 2, "Bad_Bucket"))
                .hasMessage("Cannot start the stack: bucket 'Bad_Bucket' is not a valid S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
    }

    @Test
    void defaults_pinsPortsBucketAndFile() {
        StackSettings settings = StackSettings.defaults(StackSettings.DEFAULT_DIRECTORY);
        assertThat(settings).isEqualTo(new StackSettings(Path.of(".data-exporter"), 15432, 19000, "data-exporter"));
        assertThat(settings.propertiesFile()).isEqualTo(Path.of(".data-exporter/stack.properties"));
    }
}
