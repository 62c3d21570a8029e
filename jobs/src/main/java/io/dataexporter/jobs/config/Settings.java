package io.dataexporter.jobs.config;

import java.util.List;

/** Every configuration key of the export jobs, with its default. README's configuration table lists the same. */
public final class Settings {

    public static final SettingKey ENV = key("export.env", "local", "Environment name: the first folder under the bucket");
    public static final SettingKey BUCKET = key("s3.bucket", null, "Output bucket");
    public static final SettingKey S3_ENDPOINT = key("s3.endpoint", null, "S3 endpoint override (the local S3 server); empty on AWS");
    public static final SettingKey S3_REGION = key("s3.region", "ap-southeast-2", "S3 region");
    public static final SettingKey S3_ACCESS_KEY = key("s3.access-key", null, "S3 access key; empty on AWS (instance credentials)");
    public static final SettingKey S3_SECRET_KEY = secret("s3.secret-key", "S3 secret key; empty on AWS");
    public static final SettingKey WAREHOUSE_KIND = key("warehouse.kind", "jdbc", "jdbc (PostgreSQL) or redshift (the spark-redshift connector)");
    public static final SettingKey WAREHOUSE_URL = key("warehouse.jdbc.url", null, "JDBC URL of the warehouse");
    public static final SettingKey WAREHOUSE_USER = key("warehouse.user", null, "Warehouse user");
    public static final SettingKey WAREHOUSE_PASSWORD = secret("warehouse.password", "Warehouse password");
    public static final SettingKey WAREHOUSE_SCHEMA = key("warehouse.schema", "pm_internal", "Schema that holds the exported tables");
    public static final SettingKey JDBC_PARTITIONS = key("warehouse.jdbc.partitions", "4", "Parallel JDBC reads per table, split on the time column");
    public static final SettingKey REDSHIFT_IAM_ROLE = key("redshift.iam-role", null, "IAM role ARN that Redshift UNLOAD assumes");
    public static final SettingKey REDSHIFT_TEMPDIR = key("redshift.tempdir", null, "s3a:// prefix for UNLOAD output; a per-run folder under it is removed after each table");
    public static final SettingKey REDSHIFT_SSE_KMS_KEY = key("redshift.sse-kms-key", null,
            "KMS key id that encrypts the UNLOAD files (SSE-KMS); required with warehouse.kind=redshift");
    public static final SettingKey REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR = key("redshift.allow-unencrypted-tempdir", "false",
            "true lets a Redshift export run without redshift.sse-kms-key (the UNLOAD files then get the bucket's default encryption); logged at start");
    public static final SettingKey REDSHIFT_JDBC_DRIVER = key("redshift.jdbc-driver", null,
            "JDBC driver class the connector loads (its jdbcdriver option); empty: the driver the URL names (Redshift's on EMR)");
    public static final SettingKey GOVERNANCE_SCAN_ROWS = key("governance.scan-rows", "200",
            "Cells sampled per text column per run by the governance scan (0: no content scan; drift is always checked)");
    public static final SettingKey GOVERNANCE_SCAN_THRESHOLD = key("governance.scan-threshold", "0.05",
            "Share of a column's sampled cells holding one PII type that makes a finding");
    public static final SettingKey GOVERNANCE_SCAN_ACTION = key("governance.scan-action", "warn",
            "warn (report PII found in a column that leaves in clear) or withhold (also withhold that column from the run)");
    public static final SettingKey POLICY_SCHEMA = key("policy.schema", "de_config", "Schema of the four classification tables");
    public static final SettingKey EXPORT_TABLES_STORE = key("export-tables.store", "warehouse", "warehouse (de_config.export_tables) or dynamodb");
    public static final SettingKey DYNAMODB_TABLE = key("export-tables.dynamodb.table", "data_exporter_export_tables", "DynamoDB table holding export_tables rows");
    public static final SettingKey DYNAMODB_ENDPOINT = key("export-tables.dynamodb.endpoint", null, "DynamoDB endpoint override");
    public static final SettingKey CATALOG_KIND = key("catalog.kind", "jdbc", "jdbc (Iceberg JDBC catalog) or glue (AWS Glue)");
    public static final SettingKey CATALOG_NAME = key("catalog.name", "de", "Spark catalog name of the Iceberg tables");
    public static final SettingKey CATALOG_DATABASE = key("catalog.database", "data_exporter", "Database (Glue) or namespace of the Iceberg tables");
    public static final SettingKey CATALOG_URL = key("catalog.jdbc.url", null, "JDBC URL of the Iceberg JDBC catalog");
    public static final SettingKey CONTROL_URL = key("control.jdbc.url", null, "JDBC URL of the control tables (default: the warehouse)");
    public static final SettingKey CONTROL_USER = key("control.user", null, "Control database user (default: the warehouse user)");
    public static final SettingKey CONTROL_PASSWORD = secret("control.password", "Control database password (default: the warehouse password)");
    public static final SettingKey NOTIFIER = key("notifier.kind", "log", "log, webhook or sns");
    public static final SettingKey WEBHOOK_URL = key("notifier.webhook.url", null, "URL the run notification is POSTed to");
    public static final SettingKey SNS_TOPIC = key("notifier.sns.topic-arn", null, "SNS topic ARN of run notifications");
    public static final SettingKey SNS_ENDPOINT = key("notifier.sns.endpoint", null, "SNS endpoint override");
    public static final SettingKey HASH_PEPPER = secret("hash.pepper", "Pepper of the HASH treatment");
    public static final SettingKey SECRETS_ENDPOINT = key("secrets.endpoint", null,
            "Secrets Manager endpoint override; secrets given as arn:aws:secretsmanager:... are read from it once at start");
    public static final SettingKey EXPORT_ROOT = key("export.root", null,
            "Where the export writes instead of s3a://bucket/env (s3:// with Glue): a file: URI for benchmarks and experiments");
    public static final SettingKey TARGET_FILE_SIZE_BYTES = key("export.target-file-size-bytes", "134217728",
            "Data file size the writers roll at (each read partition writes its own files)");
    public static final SettingKey RETRY_BACKOFF_MS = key("export.retry-backoff-ms", "2000", "First retry delay; doubles on each further attempt");
    public static final SettingKey JDBC_CONNECT_TIMEOUT = key("jdbc.connect-timeout-seconds", "10",
            "How long every JDBC connection of the jobs (warehouse and control) waits to connect and log in");
    public static final SettingKey WAREHOUSE_SOCKET_TIMEOUT = key("warehouse.socket-timeout-seconds", "1800",
            "How long a warehouse read waits for the server before the attempt fails (a stalled warehouse costs a retry, not a hung run)");
    public static final SettingKey CONTROL_SOCKET_TIMEOUT = key("control.socket-timeout-seconds", "30",
            "How long one control-database call waits for the server before it is retried");
    public static final SettingKey CONTROL_WRITE_TIMEOUT = key("control.write-timeout-seconds", "120",
            "How long a status, heartbeat or progress write keeps retrying (with backoff) before that table's attempt fails");

    public static final List<SettingKey> ALL = List.of(ENV, BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY, WAREHOUSE_KIND,
            WAREHOUSE_URL, WAREHOUSE_USER, WAREHOUSE_PASSWORD, WAREHOUSE_SCHEMA, JDBC_PARTITIONS, REDSHIFT_IAM_ROLE, REDSHIFT_TEMPDIR,
            REDSHIFT_SSE_KMS_KEY, REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR, REDSHIFT_JDBC_DRIVER, GOVERNANCE_SCAN_ROWS, GOVERNANCE_SCAN_THRESHOLD, GOVERNANCE_SCAN_ACTION, POLICY_SCHEMA, EXPORT_TABLES_STORE, DYNAMODB_TABLE, DYNAMODB_ENDPOINT, CATALOG_KIND, CATALOG_NAME, CATALOG_DATABASE, CATALOG_URL,
            CONTROL_URL, CONTROL_USER, CONTROL_PASSWORD, NOTIFIER, WEBHOOK_URL, SNS_TOPIC, SNS_ENDPOINT, HASH_PEPPER, SECRETS_ENDPOINT,
            EXPORT_ROOT, TARGET_FILE_SIZE_BYTES, RETRY_BACKOFF_MS, JDBC_CONNECT_TIMEOUT, WAREHOUSE_SOCKET_TIMEOUT, CONTROL_SOCKET_TIMEOUT,
            CONTROL_WRITE_TIMEOUT);

    private Settings() {
    }

    private static SettingKey key(String name, String defaultValue, String description) {
        return new SettingKey(name, defaultValue, false, description);
    }

    private static SettingKey secret(String name, String description) {
        return new SettingKey(name, null, true, description);
    }
}
