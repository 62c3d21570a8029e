package io.dataexporter.jobs.config;

import io.dataexporter.common.config.SecretReferences;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The typed configuration of an export run, read once from {@link ConfigSources}. Which production part is used
 * (Redshift or JDBC, Glue or the JDBC catalog, SNS, webhook or log) is decided here and nowhere else.
 */
public record ExportConfig(
        String env,
        S3Access s3,
        String warehouseKind,
        JdbcTarget warehouse,
        String warehouseSchema,
        int jdbcPartitions,
        Optional<String> redshiftIamRole,
        Optional<String> redshiftTempdir,
        Optional<String> redshiftSseKmsKey,
        Optional<String> redshiftJdbcDriver,
        String policySchema,
        String exportTablesStore,
        String dynamoDbTable,
        Optional<URI> dynamoDbEndpoint,
        String catalogKind,
        String catalogName,
        String catalogDatabase,
        Optional<String> catalogUrl,
        JdbcTarget control,
        String notifierKind,
        Optional<String> webhookUrl,
        Optional<String> snsTopicArn,
        Optional<URI> snsEndpoint,
        Optional<String> hashPepper,
        Duration retryBackoff,
        long targetFileSizeBytes,
        Optional<String> exportRoot,
        Duration controlWriteTimeout,
        io.dataexporter.jobs.governance.PolicyScan.Settings governance) {

    public ExportConfig {
        if (!env.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("Environment '" + env + "' must be lower-case letters, digits, '-' or '_' (it becomes an S3 folder)");
        }
        if (!catalogDatabase.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Setting 'catalog.database' is '" + catalogDatabase + "'; use lower-case letters, digits and '_' (Glue and Athena names)");
        }
    }

    /** Reads the settings; secrets given as Secrets Manager ARNs are resolved in the settings' region. */
    public static ExportConfig read(ConfigSources sources) {
        return read(sources, SecretReferences.aws(sources.require(Settings.S3_REGION), sources.find(Settings.SECRETS_ENDPOINT).map(URI::create)));
    }

    public static ExportConfig read(ConfigSources sources, SecretReferences secrets) {
        String warehouseKind = sources.oneOf(Settings.WAREHOUSE_KIND, "jdbc", "redshift");
        Duration connectTimeout = Duration.ofSeconds(sources.requireInt(Settings.JDBC_CONNECT_TIMEOUT, 1));
        JdbcTarget warehouse = new JdbcTarget(sources.require(Settings.WAREHOUSE_URL), sources.find(Settings.WAREHOUSE_USER).orElse(null),
                sources.find(Settings.WAREHOUSE_PASSWORD).map(value -> secrets.resolve(Settings.WAREHOUSE_PASSWORD.name(), value)).orElse(""),
                connectTimeout, Duration.ofSeconds(sources.requireInt(Settings.WAREHOUSE_SOCKET_TIMEOUT, 1)));
        JdbcTarget control = new JdbcTarget(sources.find(Settings.CONTROL_URL).orElse(warehouse.url()),
                sources.find(Settings.CONTROL_USER).orElse(warehouse.user()),
                sources.find(Settings.CONTROL_PASSWORD).map(value -> secrets.resolve(Settings.CONTROL_PASSWORD.name(), value))
                        .orElse(warehouse.password()),
                connectTimeout, Duration.ofSeconds(sources.requireInt(Settings.CONTROL_SOCKET_TIMEOUT, 1)));
        String catalogKind = sources.oneOf(Settings.CATALOG_KIND, "jdbc", "glue");
        String notifier = sources.oneOf(Settings.NOTIFIER, "log", "webhook", "sns");
        if ("redshift".equals(warehouseKind)) {
            if (warehouse.url().matches("(?i).*[?&;](user|password)=.*")) {
                throw new IllegalArgumentException("Setting '" + Settings.WAREHOUSE_URL.name() + "' carries a user or password, which the Redshift"
                        + " connector refuses next to its own; remove them from the URL and set " + Settings.WAREHOUSE_USER.name() + " and "
                        + Settings.WAREHOUSE_PASSWORD.name());
            }
            sources.find(Settings.REDSHIFT_JDBC_DRIVER).ifPresent(ExportConfig::requireDriverClass);
            sources.require(Settings.REDSHIFT_IAM_ROLE);
            sources.require(Settings.REDSHIFT_TEMPDIR);
            // the tempdir holds cells that Spark still treats (hashing, scrubbing, gunzip): they are encrypted with the
            // export's own key, or the operator says in a setting that the bucket's default encryption will do
            boolean unencrypted = "true".equals(sources.oneOf(Settings.REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR, "true", "false"));
            if (sources.find(Settings.REDSHIFT_SSE_KMS_KEY).isEmpty()) {
                if (!unencrypted) {
                    throw new IllegalArgumentException("Setting '" + Settings.REDSHIFT_SSE_KMS_KEY.name() + "' is not set: UNLOAD writes cells that"
                            + " are treated only in Spark (hashed, scrubbed, compressed) to the tempdir, which must be encrypted with a KMS key of its"
                            + " own; set it to the key's id or ARN, or set " + Settings.REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR.name() + "=true to use the"
                            + " bucket's default encryption");
                }
                org.slf4j.LoggerFactory.getLogger(ExportConfig.class).warn("redshift.allow-unencrypted-tempdir=true: UNLOAD files in {} get the"
                        + " bucket's default encryption, not a KMS key of the export's own", sources.find(Settings.REDSHIFT_TEMPDIR).orElse(""));
            }
        }
        if ("jdbc".equals(catalogKind)) {
            sources.require(Settings.CATALOG_URL);
        }
        if ("webhook".equals(notifier)) {
            sources.require(Settings.WEBHOOK_URL);
        }
        if ("sns".equals(notifier)) {
            sources.require(Settings.SNS_TOPIC);
        }
        return new ExportConfig(
                sources.require(Settings.ENV),
                new S3Access(sources.require(Settings.BUCKET), sources.find(Settings.S3_ENDPOINT).map(URI::create), sources.require(Settings.S3_REGION),
                        sources.find(Settings.S3_ACCESS_KEY), sources.find(Settings.S3_SECRET_KEY)),
                warehouseKind, warehouse, sources.require(Settings.WAREHOUSE_SCHEMA), sources.requireInt(Settings.JDBC_PARTITIONS, 1),
                sources.find(Settings.REDSHIFT_IAM_ROLE), sources.find(Settings.REDSHIFT_TEMPDIR), sources.find(Settings.REDSHIFT_SSE_KMS_KEY),
                sources.find(Settings.REDSHIFT_JDBC_DRIVER),
                sources.require(Settings.POLICY_SCHEMA),
                sources.oneOf(Settings.EXPORT_TABLES_STORE, "warehouse", "dynamodb"),
                sources.require(Settings.DYNAMODB_TABLE), sources.find(Settings.DYNAMODB_ENDPOINT).map(URI::create),
                catalogKind, sources.require(Settings.CATALOG_NAME), sources.require(Settings.CATALOG_DATABASE), sources.find(Settings.CATALOG_URL),
                control, notifier, sources.find(Settings.WEBHOOK_URL), sources.find(Settings.SNS_TOPIC),
                sources.find(Settings.SNS_ENDPOINT).map(URI::create), sources.find(Settings.HASH_PEPPER).map(value -> secrets.resolve(Settings.HASH_PEPPER.name(), value)),
                Duration.ofMillis(sources.requireInt(Settings.RETRY_BACKOFF_MS, 0)),
                sources.requireInt(Settings.TARGET_FILE_SIZE_BYTES, 1_048_576), sources.find(Settings.EXPORT_ROOT),
                Duration.ofSeconds(sources.requireInt(Settings.CONTROL_WRITE_TIMEOUT, 1)),
                new io.dataexporter.jobs.governance.PolicyScan.Settings(sources.requireInt(Settings.GOVERNANCE_SCAN_ROWS, 0),
                        threshold(sources.find(Settings.GOVERNANCE_SCAN_THRESHOLD).orElse(Settings.GOVERNANCE_SCAN_THRESHOLD.defaultValue())),
                        "withhold".equals(sources.oneOf(Settings.GOVERNANCE_SCAN_ACTION, "warn", "withhold"))));
    }

    private static double threshold(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting '" + Settings.GOVERNANCE_SCAN_THRESHOLD.name() + "' is '" + value
                    + "'; give a share as a decimal number, e.g. 0.05");
        }
    }

    private static void requireDriverClass(String className) {
        try {
            Class.forName(className, false, ExportConfig.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Setting '" + Settings.REDSHIFT_JDBC_DRIVER.name() + "' names " + className + ", which is not on the"
                    + " classpath (the emulated warehouse's driver comes with the CLI, not the EMR jar); unset it to use the driver the URL names");
        }
    }

    @Override
    public String toString() {
        return "ExportConfig[env=" + env + ", s3=" + s3 + ", warehouse=" + warehouseKind + " " + warehouse + ", catalog=" + catalogKind + " "
                + catalogName + "." + catalogDatabase + ", control=" + control + ", notifier=" + notifierKind
                + ", hashPepper=" + (hashPepper.isPresent() ? "****" : "(none)") + "]";
    }
}
