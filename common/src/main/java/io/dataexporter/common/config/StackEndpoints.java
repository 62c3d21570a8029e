package io.dataexporter.common.config;

import java.net.URI;

/**
 * How to reach a running local stack: what {@code stack.properties} records.
 *
 * <p>The S3 keys are the stack's fixed development credentials; {@link #toString()} still leaves
 * the secret out, as every credential-bearing value in the product does.
 */
public record StackEndpoints(
        String jdbcUrl,
        String user,
        String password,
        URI s3Endpoint,
        String s3Region,
        String s3AccessKey,
        String s3SecretKey,
        String bucket,
        String catalogJdbcUrl) {

    public StackEndpoints {
        requireText("jdbcUrl", jdbcUrl);
        requireText("user", user);
        requireText("s3AccessKey", s3AccessKey);
        requireText("s3SecretKey", s3SecretKey);
        requireText("bucket", bucket);
        requireText("s3Region", s3Region);
        requireText("catalogJdbcUrl", catalogJdbcUrl);
        if (s3Endpoint == null) {
            throw new IllegalArgumentException("Stack endpoints lack the S3 endpoint");
        }
        password = password == null ? "" : password;
    }

    /** Port of the embedded PostgreSQL, as a person would pass it to {@code psql -p}. */
    public int postgresPort() {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
    }

    @Override
    public String toString() {
        return "StackEndpoints[jdbcUrl=" + jdbcUrl + ", user=" + user + ", s3Endpoint=" + s3Endpoint
                + ", bucket=" + bucket + ", catalogJdbcUrl=" + catalogJdbcUrl + ", s3AccessKey=" + s3AccessKey + ", s3SecretKey=****]";
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Stack endpoints lack '" + name + "'");
        }
    }
}
