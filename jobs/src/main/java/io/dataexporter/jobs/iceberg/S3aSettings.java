package io.dataexporter.jobs.iceberg;

import io.dataexporter.common.config.S3Access;
import org.apache.hadoop.conf.Configuration;

/** Points Hadoop's s3a at the configured S3: the local S3 server (endpoint, path-style, static keys) or AWS. */
public final class S3aSettings {

    private S3aSettings() {
    }

    public static void apply(Configuration hadoop, S3Access s3) {
        hadoop.set("fs.s3a.endpoint.region", s3.region());
        hadoop.set("fs.s3a.buffer.dir", System.getProperty("java.io.tmpdir") + "/data-exporter-s3a");
        s3.endpoint().ifPresent(endpoint -> {
            hadoop.set("fs.s3a.endpoint", endpoint.toString());
            hadoop.set("fs.s3a.path.style.access", "true");
            hadoop.set("fs.s3a.connection.ssl.enabled", String.valueOf("https".equals(endpoint.getScheme())));
        });
        if (s3.accessKey().isPresent()) {
            hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            hadoop.set("fs.s3a.access.key", s3.accessKey().get());
            hadoop.set("fs.s3a.secret.key", s3.secretKey().orElseThrow());
        }
    }
}
