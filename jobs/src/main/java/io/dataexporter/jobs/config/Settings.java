package io.dataexporter.jobs.config;

import io.dataexporter.common.config.SettingKey;
import io.dataexporter.common.config.SharedSettings;
import java.util.List;

/** Every configuration key of the export jobs, with its default. README's configuration table lists the same. */
public final class Settings {

    public static final SettingKey ENV = SharedSettings.ENV;
    public static final SettingKey BUCKET = SharedSettings.BUCKET;
    public static final SettingKey S3_ENDPOINT = SharedSettings.S3_ENDPOINT;
    public static final SettingKey S3_REGION = SharedSettings.S3_REGION;
    public static final SettingKey S3_ACCESS_KEY = SharedSettings.S3_ACCESS_KEY;
    public static final SettingKey S3_SECRET_KEY = SharedSettings.S3_SECRET_KEY;
    public static final SettingKey WAREHOUSE_KIND = SettingKey.of("warehouse.kind", "jdbc", "jdbc (PostgreSQL) or redshift (the spark-redshift connector)");
    public static final SettingKey WAREHOUSE_URL = SharedSettings.WAREHOUSE_URL;
    public static final SettingKey WAREHOUSE_USER = SharedSettings.WAREHOUSE_USER;
    public static final SettingKey WAREHOUSE_PASSWORD = SharedSettings.WAREHOUSE_PASSWORD;
    public static final SettingKey WAREHOUSE_SCHEMA = SettingKey.of("warehouse.schema", "pm_internal", "Schema that holds the exported tables");
    public static final SettingKey JDBC_PARTITIONS = SettingKey.of("warehouse.jdbc.partitions", "4", "Parallel JDBC reads per table, split on the time column");
    public static final SettingKey REDSHIFT_IAM_ROLE = SettingKey.of("redshift.iam-role", null, "IAM role ARN that Redshift UNLOAD assumes");
    public static final SettingKey REDSHIFT_TEMPDIR = SettingKey.of("redshift.tempdir", null, "s3a:// prefix for UNLOAD output; a per-run folder under it is removed after each table");
    public static final SettingKey REDSHIFT_SSE_KMS_KEY = SettingKey.of("redshift.sse-kms-key", null,
            "KMS key of the tempdir bucket's default encryption (SSE-KMS): UNLOAD writes with ENCRYPTED AUTO, which uses it; required with warehouse.kind=redshift");
    public static final SettingKey REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR = SettingKey.of("redshift.allow-unencrypted-tempdir", "false",
            "true lets a Redshift export run without redshift.sse-kms-key (the UNLOAD files then get the bucket's default encryption); logged at start");
    public static final SettingKey REDSHIFT_JDBC_DRIVER = SettingKey.of("redshift.jdbc-driver", null,
            "JDBC driver class the connector loads (its jdbcdriver option); empty: the driver the URL names (Redshift's on EMR)");
    public static final SettingKey GOVERNANCE_SCAN_ROWS = SettingKey.of("governance.scan-rows", "200",
            "Cells sampled per text column per run by the governance scan (0: no content scan; drift is always checked)");
    public static final SettingKey GOVERNANCE_SCAN_THRESHOLD = SettingKey.of("governance.scan-threshold", "0.05",
            "Share of a column's sampled cells holding one PII type that makes a finding");
    public static final SettingKey GOVERNANCE_SCAN_ACTION = SettingKey.of("governance.scan-action", "warn",
            "warn (report PII found in a column that leaves in clear) or withhold (also withhold that column from the run)");
    public static final SettingKey POLICY_SCHEMA = SettingKey.of("policy.schema", "de_config", "Schema of the four classification tables");
    public static final SettingKey EXPORT_TABLES_STORE = SettingKey.of("export-tables.store", "warehouse", "warehouse (de_config.export_tables) or dynamodb");
    public static final SettingKey DYNAMODB_TABLE = SettingKey.of("export-tables.dynamodb.table", "data_exporter_export_tables", "DynamoDB table holding export_tables rows");
    public static final SettingKey DYNAMODB_ENDPOINT = SettingKey.of("export-tables.dynamodb.endpoint", null, "DynamoDB endpoint override");
    public static final SettingKey CATALOG_KIND = SettingKey.of("catalog.kind", "jdbc", "jdbc (Iceberg JDBC catalog) or glue (AWS Glue)");
    public static final SettingKey CATALOG_NAME = SettingKey.of("catalog.name", "de", "Spark catalog name of the Iceberg tables");
    public static final SettingKey CATALOG_DATABASE = SettingKey.of("catalog.database", "data_exporter", "Database (Glue) or namespace of the Iceberg tables");
    public static final SettingKey CATALOG_URL = SettingKey.of("catalog.jdbc.url", null, "JDBC URL of the Iceberg JDBC catalog");
    public static final SettingKey CONTROL_URL = SharedSettings.CONTROL_URL;
    public static final SettingKey CONTROL_USER = SharedSettings.CONTROL_USER;
    public static final SettingKey CONTROL_PASSWORD = SharedSettings.CONTROL_PASSWORD;
    public static final SettingKey NOTIFIER = SettingKey.of("notifier.kind", "log", "log, webhook or sns");
    public static final SettingKey WEBHOOK_URL = SettingKey.of("notifier.webhook.url", null, "URL the run notification is POSTed to");
    public static final SettingKey SNS_TOPIC = SettingKey.of("notifier.sns.topic-arn", null, "SNS topic ARN of run notifications");
    public static final SettingKey SNS_ENDPOINT = SettingKey.of("notifier.sns.endpoint", null, "SNS endpoint override");
    public static final SettingKey HASH_PEPPER = SettingKey.secret("hash.pepper", "Pepper of the HASH treatment");
    public static final SettingKey SECRETS_ENDPOINT = SharedSettings.SECRETS_ENDPOINT;
    public static final SettingKey EXPORT_ROOT = SettingKey.of("export.root", null,
            "Where the export writes instead of s3a://bucket/env (s3:// with Glue): a file: URI for benchmarks and experiments");
    public static final SettingKey TARGET_FILE_SIZE_BYTES = SettingKey.of("export.target-file-size-bytes", "134217728",
            "Data file size the writers roll at (each read partition writes its own files)");
    public static final SettingKey RETRY_BACKOFF_MS = SettingKey.of("export.retry-backoff-ms", "2000", "First retry delay; doubles on each further attempt");
    public static final SettingKey JDBC_CONNECT_TIMEOUT = SettingKey.of("jdbc.connect-timeout-seconds", "10",
            "How long every JDBC connection of the jobs (warehouse and control) waits to connect and log in");
    public static final SettingKey WAREHOUSE_SOCKET_TIMEOUT = SettingKey.of("warehouse.socket-timeout-seconds", "1800",
            "How long a warehouse read waits for the server before the attempt fails (a stalled warehouse costs a retry, not a hung run)");
    public static final SettingKey CONTROL_SOCKET_TIMEOUT = SettingKey.of("control.socket-timeout-seconds", "30",
            "How long one control-database call waits for the server before it is retried");
    public static final SettingKey CONTROL_WRITE_TIMEOUT = SettingKey.of("control.write-timeout-seconds", "120",
            "How long a status, heartbeat or progress write keeps retrying (with backoff) before that table's attempt fails");

    public static final List<SettingKey> ALL = List.of(ENV, BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY, WAREHOUSE_KIND,
            WAREHOUSE_URL, WAREHOUSE_USER, WAREHOUSE_PASSWORD, WAREHOUSE_SCHEMA, JDBC_PARTITIONS, REDSHIFT_IAM_ROLE, REDSHIFT_TEMPDIR,
            REDSHIFT_SSE_KMS_KEY, REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR, REDSHIFT_JDBC_DRIVER, GOVERNANCE_SCAN_ROWS, GOVERNANCE_SCAN_THRESHOLD, GOVERNANCE_SCAN_ACTION, POLICY_SCHEMA, EXPORT_TABLES_STORE, DYNAMODB_TABLE, DYNAMODB_ENDPOINT, CATALOG_KIND, CATALOG_NAME, CATALOG_DATABASE, CATALOG_URL,
            CONTROL_URL, CONTROL_USER, CONTROL_PASSWORD, NOTIFIER, WEBHOOK_URL, SNS_TOPIC, SNS_ENDPOINT, HASH_PEPPER, SECRETS_ENDPOINT,
            EXPORT_ROOT, TARGET_FILE_SIZE_BYTES, RETRY_BACKOFF_MS, JDBC_CONNECT_TIMEOUT, WAREHOUSE_SOCKET_TIMEOUT, CONTROL_SOCKET_TIMEOUT,
            CONTROL_WRITE_TIMEOUT);

    private Settings() {
    }
}
