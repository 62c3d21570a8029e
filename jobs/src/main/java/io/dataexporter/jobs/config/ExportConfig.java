package io.dataexporter.jobs.config;

import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.common.config.S3Access;
import io.dataexporter.common.config.SecretReferences;
import io.dataexporter.common.config.SharedSettings;
import io.dataexporter.jobs.governance.PolicyScan;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The typed configuration of an export run, read once from {@link ConfigSources}: one record per concern, and one sealed
 * type per backend (warehouse, catalog, notifier, where export_tables lives), so which production part is used is decided
 * here and nowhere else, and a part that needs a setting cannot be built without it.
 */
public record ExportConfig(
        String env,
        S3Access s3,
        WarehouseSettings warehouse,
        JdbcTarget control,
        String policySchema,
        ExportTablesSettings exportTables,
        CatalogSettings catalog,
        NotifierSettings notifier,
        Optional<String> hashPepper,
        Duration retryBackoff,
        long targetFileSizeBytes,
        Optional<String> exportRoot,
        Duration controlWriteTimeout,
        PolicyScan.Settings governance) {

    public ExportConfig {
        if (!env.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("Environment '" + env + "' must be lower-case letters, digits, '-' or '_' (it becomes an S3 folder)");
        }
    }

    /** Reads the settings; secrets given as Secrets Manager ARNs are resolved in the settings' region. */
    public static ExportConfig read(ConfigSources sources) {
        return read(sources, SharedSettings.secrets(sources));
    }

    public static ExportConfig read(ConfigSources sources, SecretReferences secrets) {
        Duration connectTimeout = Duration.ofSeconds(sources.requireInt(Settings.JDBC_CONNECT_TIMEOUT, 1));
        JdbcTarget target = new JdbcTarget(sources.require(Settings.WAREHOUSE_URL), sources.find(Settings.WAREHOUSE_USER).orElse(null),
                sources.find(Settings.WAREHOUSE_PASSWORD).map(value -> secrets.resolve(Settings.WAREHOUSE_PASSWORD.name(), value)).orElse(""),
                connectTimeout, Duration.ofSeconds(sources.requireInt(Settings.WAREHOUSE_SOCKET_TIMEOUT, 1)));
        JdbcTarget control = new JdbcTarget(sources.find(Settings.CONTROL_URL).orElse(target.url()),
                sources.find(Settings.CONTROL_USER).orElse(target.user()),
                sources.find(Settings.CONTROL_PASSWORD).map(value -> secrets.resolve(Settings.CONTROL_PASSWORD.name(), value))
                        .orElse(target.password()),
                connectTimeout, Duration.ofSeconds(sources.requireInt(Settings.CONTROL_SOCKET_TIMEOUT, 1)));
        WarehouseSettings warehouse = warehouse(sources, target);
        CatalogSettings catalog = switch (sources.choice(Settings.CATALOG_KIND, CatalogSettings.Kind.class)) {
            case GLUE -> new CatalogSettings.Glue(sources.require(Settings.CATALOG_NAME), sources.require(Settings.CATALOG_DATABASE));
            case JDBC -> new CatalogSettings.Jdbc(sources.require(Settings.CATALOG_NAME), sources.require(Settings.CATALOG_DATABASE),
                    sources.require(Settings.CATALOG_URL));
        };
        NotifierSettings notifier = switch (sources.choice(Settings.NOTIFIER, NotifierSettings.Kind.class)) {
            case LOG -> new NotifierSettings.Log();
            case WEBHOOK -> new NotifierSettings.Webhook(URI.create(sources.require(Settings.WEBHOOK_URL)));
            case SNS -> new NotifierSettings.Sns(sources.require(Settings.SNS_TOPIC), sources.find(Settings.SNS_ENDPOINT).map(URI::create));
        };
        ExportTablesSettings exportTables = switch (sources.choice(Settings.EXPORT_TABLES_STORE, ExportTablesSettings.Kind.class)) {
            case WAREHOUSE -> new ExportTablesSettings.Warehouse();
            case DYNAMODB -> new ExportTablesSettings.DynamoDb(sources.require(Settings.DYNAMODB_TABLE),
                    sources.find(Settings.DYNAMODB_ENDPOINT).map(URI::create));
        };
        return new ExportConfig(
                sources.require(Settings.ENV),
                SharedSettings.s3(sources),
                warehouse, control, sources.require(Settings.POLICY_SCHEMA), exportTables, catalog, notifier,
                sources.find(Settings.HASH_PEPPER).map(value -> secrets.resolve(Settings.HASH_PEPPER.name(), value)),
                Duration.ofMillis(sources.requireInt(Settings.RETRY_BACKOFF_MS, 0)),
                sources.requireInt(Settings.TARGET_FILE_SIZE_BYTES, 1_048_576), sources.find(Settings.EXPORT_ROOT),
                Duration.ofSeconds(sources.requireInt(Settings.CONTROL_WRITE_TIMEOUT, 1)),
                new PolicyScan.Settings(sources.requireInt(Settings.GOVERNANCE_SCAN_ROWS, 0), threshold(sources.require(Settings.GOVERNANCE_SCAN_THRESHOLD)),
                        "withhold".equals(sources.oneOf(Settings.GOVERNANCE_SCAN_ACTION, "warn", "withhold"))));
    }

    private static WarehouseSettings warehouse(ConfigSources sources, JdbcTarget target) {
        String schema = sources.require(Settings.WAREHOUSE_SCHEMA);
        return switch (sources.choice(Settings.WAREHOUSE_KIND, WarehouseSettings.Kind.class)) {
            case JDBC -> new WarehouseSettings.Jdbc(target, schema, sources.requireInt(Settings.JDBC_PARTITIONS, 1));
            case REDSHIFT -> redshift(sources, target, schema);
        };
    }

    private static WarehouseSettings.Redshift redshift(ConfigSources sources, JdbcTarget target, String schema) {
        if (target.url().matches("(?i).*[?&;](user|password)=.*")) {
            throw new IllegalArgumentException("Setting '" + Settings.WAREHOUSE_URL.name() + "' carries a user or password, which the Redshift"
                    + " connector refuses next to its own; remove them from the URL and set " + Settings.WAREHOUSE_USER.name() + " and "
                    + Settings.WAREHOUSE_PASSWORD.name());
        }
        Optional<String> driver = sources.find(Settings.REDSHIFT_JDBC_DRIVER);
        driver.ifPresent(ExportConfig::requireDriverClass);
        String iamRole = sources.require(Settings.REDSHIFT_IAM_ROLE);
        String tempdir = sources.require(Settings.REDSHIFT_TEMPDIR);
        // the tempdir holds cells that Spark still treats (hashing, scrubbing, gunzip): they are encrypted with the
        // export's own key, or the operator says in a setting that the bucket's default encryption will do
        boolean unencrypted = sources.requireBoolean(Settings.REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR);
        Optional<String> kmsKey = sources.find(Settings.REDSHIFT_SSE_KMS_KEY);
        if (kmsKey.isEmpty()) {
            if (!unencrypted) {
                throw new IllegalArgumentException("Setting '" + Settings.REDSHIFT_SSE_KMS_KEY.name() + "' is not set: UNLOAD writes cells that"
                        + " are treated only in Spark (hashed, scrubbed, compressed) to the tempdir, which must be encrypted with a KMS key of its"
                        + " own; set it to the key's id or ARN, or set " + Settings.REDSHIFT_ALLOW_UNENCRYPTED_TEMPDIR.name() + "=true to use the"
                        + " bucket's default encryption");
            }
            org.slf4j.LoggerFactory.getLogger(ExportConfig.class).warn("redshift.allow-unencrypted-tempdir=true: UNLOAD files in {} get the"
                    + " bucket's default encryption, not a KMS key of the export's own", tempdir);
        }
        return new WarehouseSettings.Redshift(target, schema, iamRole, tempdir, kmsKey, driver);
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
        return "ExportConfig[env=" + env + ", s3=" + s3 + ", warehouse=" + warehouse + ", catalog=" + catalog + ", control=" + control
                + ", notifier=" + notifier + ", hashPepper=" + (hashPepper.isPresent() ? "****" : "(none)") + "]";
    }
}
