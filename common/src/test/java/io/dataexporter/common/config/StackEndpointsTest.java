package io.dataexporter.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
}
