package io.dataexporter.common.config;

import java.util.List;

/**
 * The keys both the export jobs and the API server read, spelled once: the environment, S3, the control database (which
 * falls back on the warehouse's) and the Secrets Manager endpoint. Each side lists them among its own keys.
 */
public final class SharedSettings {

    public static final SettingKey ENV = SettingKey.of("export.env", "local", "Environment name: the first folder under the bucket");
    public static final SettingKey BUCKET = SettingKey.of("s3.bucket", null, "Output bucket");
    public static final SettingKey S3_ENDPOINT = SettingKey.of("s3.endpoint", null, "S3 endpoint override (the local S3 server); empty on AWS");
    public static final SettingKey S3_REGION = SettingKey.of("s3.region", "ap-southeast-2", "S3 region");
    public static final SettingKey S3_ACCESS_KEY = SettingKey.of("s3.access-key", null, "S3 access key; empty on AWS (instance credentials)");
    public static final SettingKey S3_SECRET_KEY = SettingKey.secret("s3.secret-key", "S3 secret key; empty on AWS");
    public static final SettingKey WAREHOUSE_URL = SettingKey.of("warehouse.jdbc.url", null, "JDBC URL of the warehouse");
    public static final SettingKey WAREHOUSE_USER = SettingKey.of("warehouse.user", null, "Warehouse user");
    public static final SettingKey WAREHOUSE_PASSWORD = SettingKey.secret("warehouse.password", "Warehouse password");
    public static final SettingKey CONTROL_URL = SettingKey.of("control.jdbc.url", null, "JDBC URL of the control tables (default: the warehouse)");
    public static final SettingKey CONTROL_USER = SettingKey.of("control.user", null, "Control database user (default: the warehouse user)");
    public static final SettingKey CONTROL_PASSWORD = SettingKey.secret("control.password",
            "Control database password (default: the warehouse password)");
    public static final SettingKey SECRETS_ENDPOINT = SettingKey.of("secrets.endpoint", null,
            "Secrets Manager endpoint override; secrets given as arn:aws:secretsmanager:... are read from it once at start");

    public static final List<SettingKey> ALL = List.of(ENV, BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY, WAREHOUSE_URL,
            WAREHOUSE_USER, WAREHOUSE_PASSWORD, CONTROL_URL, CONTROL_USER, CONTROL_PASSWORD, SECRETS_ENDPOINT);

    private SharedSettings() {
    }

    /** How to reach S3, read from the shared keys. */
    public static S3Access s3(ConfigSources sources) {
        return new S3Access(sources.require(BUCKET), sources.find(S3_ENDPOINT).map(java.net.URI::create), sources.require(S3_REGION),
                sources.find(S3_ACCESS_KEY), sources.find(S3_SECRET_KEY));
    }

    /** Secrets given as Secrets Manager ARNs, resolved in the settings' region. */
    public static SecretReferences secrets(ConfigSources sources) {
        return SecretReferences.aws(sources.require(S3_REGION), sources.find(SECRETS_ENDPOINT).map(java.net.URI::create));
    }
}
