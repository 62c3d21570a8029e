package io.dataexporter.jobs.config;

import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.common.config.PropertiesFile;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.config.StackProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the layers of {@link ConfigSources}, highest precedence first: command-line options, Spark conf, the
 * environment, the {@code --config} properties file, then the local stack's {@code stack.properties} (with its
 * development hash pepper) when a stack directory holds one.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The emulated warehouse's JDBC driver: part of the CLI and the tests, never of the EMR jar. */
    public static final String EMULATED_REDSHIFT_DRIVER = "io.dataexporter.redshiftemulator.EmulatedRedshiftDriver";
    /** What {@code --warehouse} takes. */
    public static final List<String> WAREHOUSE_OPTIONS = List.of("jdbc", "redshift", "redshift-emulated");

    /**
     * The sources of a Spark job's entry point ({@code ScheduledExport}, {@code RangeExport}), read one way for both: the
     * command line, then this JVM's Spark conf (what spark-submit passes, and on EMR the cluster's {@code spark-defaults}
     * with every {@code spark.dataexporter.*} setting), then the environment, the {@code --config} file and the local stack.
     */
    public static ConfigSources forJob(String env, String warehouse, Map<String, String> environment, Path configFile, Path stackDirectory) {
        return forCommand(env, warehouse, sparkConf(), environment, configFile, stackDirectory);
    }

    /** This JVM's Spark conf: the {@code spark.*} system properties spark-submit sets from its arguments and spark-defaults. */
    public static Map<String, String> sparkConf() {
        Map<String, String> conf = new HashMap<>();
        for (scala.Tuple2<String, String> entry : new org.apache.spark.SparkConf().getAll()) {
            conf.put(entry._1(), entry._2());
        }
        return conf;
    }

    /** The sources of a command whose only setting option is {@code --env}. */
    public static ConfigSources forCommand(String env, Map<String, String> sparkConf, Map<String, String> environment, Path configFile, Path stackDirectory) {
        return forCommand(env, null, sparkConf, environment, configFile, stackDirectory);
    }

    /**
     * The sources of a command with {@code --env} and {@code --warehouse}: {@code jdbc} or {@code redshift} set
     * {@code warehouse.kind}; {@code redshift-emulated} reads through the spark-redshift connector from the local stack's
     * emulated Redshift ({@link #emulatedRedshiftValues}), which needs the stack's {@code stack.properties}.
     */
    public static ConfigSources forCommand(String env, String warehouse, Map<String, String> sparkConf, Map<String, String> environment, Path configFile,
                                           Path stackDirectory) {
        Map<String, String> commandLine = new HashMap<>();
        if (env != null) {
            commandLine.put(Settings.ENV.name(), env);
        }
        if (warehouse != null) {
            if (!WAREHOUSE_OPTIONS.contains(warehouse)) {
                throw new IllegalArgumentException("--warehouse " + warehouse + " is unknown; use one of " + String.join(", ", WAREHOUSE_OPTIONS));
            }
            if (warehouse.equals("redshift-emulated")) {
                Path file = Optional.ofNullable(stackDirectory).map(dir -> dir.resolve(StackProperties.FILE_NAME)).filter(Files::isRegularFile)
                        .orElseThrow(() -> new IllegalArgumentException("--warehouse redshift-emulated reads the local stack's warehouse, and "
                                + stackDirectory + " holds no " + StackProperties.FILE_NAME + "; start it with 'bin/data-exporter stack'"
                                + " or give its folder with --dir"));
                commandLine.putAll(emulatedRedshiftValues(StackProperties.read(file)));
            } else {
                commandLine.put(Settings.WAREHOUSE_KIND.name(), warehouse);
            }
        }
        return load(commandLine, sparkConf, environment, Optional.ofNullable(configFile), Optional.ofNullable(stackDirectory));
    }

    /**
     * The settings that read the local stack's warehouse through the spark-redshift connector, as on EMR, with the
     * emulated Redshift in between: its driver, the UNLOAD role, a tempdir on the stack's S3 server and a KMS key, which
     * the emulated cluster requires of every UNLOAD. The control tables stay on plain PostgreSQL.
     */
    public static Map<String, String> emulatedRedshiftValues(StackEndpoints endpoints) {
        if (!endpoints.jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("The local stack's warehouse URL " + endpoints.jdbcUrl() + " is not a jdbc:postgresql: URL");
        }
        // the connector takes the user and password as options only, never also in the URL
        String base = "jdbc:redshift-emulated:" + endpoints.jdbcUrl().substring("jdbc:postgresql:".length())
                .replaceAll("([?&])(user|password)=[^&]*&?", "$1").replaceAll("[?&]$", "");
        String emulated = base + (base.contains("?") ? "&" : "?") + "s3Endpoint=" + encode(endpoints.s3Endpoint().toString()) + "&s3Region="
                + encode(endpoints.s3Region()) + "&s3AccessKey=" + encode(endpoints.s3AccessKey()) + "&s3SecretKey=" + encode(endpoints.s3SecretKey())
                + "&requireKmsKey=true";
        Map<String, String> values = new HashMap<>();
        values.put(Settings.WAREHOUSE_KIND.name(), "redshift");
        values.put(Settings.WAREHOUSE_URL.name(), emulated);
        values.put(Settings.CONTROL_URL.name(), endpoints.jdbcUrl());
        values.put(Settings.REDSHIFT_JDBC_DRIVER.name(), EMULATED_REDSHIFT_DRIVER);
        values.put(Settings.REDSHIFT_IAM_ROLE.name(), "arn:aws:iam::000000000000:role/data-exporter-redshift-unload");
        values.put(Settings.REDSHIFT_TEMPDIR.name(), "s3a://" + endpoints.bucket() + "/redshift-unload/");
        values.put(Settings.REDSHIFT_SSE_KMS_KEY.name(), "arn:aws:kms:" + endpoints.s3Region() + ":000000000000:alias/data-exporter-local");
        return values;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static ConfigSources load(Map<String, String> commandLine, Map<String, String> sparkConf, Map<String, String> environment,
                                     Optional<Path> configFile, Optional<Path> stackDirectory) {
        List<ConfigSources.Layer> layers = new ArrayList<>();
        layers.add(new ConfigSources.Layer("command line", commandLine));
        layers.add(ConfigSources.sparkConf(sparkConf, Settings.ALL));
        layers.add(ConfigSources.environment(environment, Settings.ALL));
        configFile.ifPresent(file -> layers.add(new ConfigSources.Layer("config file " + file, properties(file, "--config"))));
        stackDirectory.map(dir -> dir.resolve(StackProperties.FILE_NAME)).filter(Files::isRegularFile).ifPresent(file -> {
            Map<String, String> stack = stackValues(StackProperties.read(file));
            stack.put(Settings.HASH_PEPPER.name(), HashPepper.localPepper(file.resolveSibling(HashPepper.LOCAL_FILE)));
            layers.add(new ConfigSources.Layer("local stack " + file, stack));
        });
        return new ConfigSources(layers);
    }

    /** The settings a running local stack provides: its warehouse, catalog database and S3 server. */
    public static Map<String, String> stackValues(StackEndpoints endpoints) {
        Map<String, String> values = new HashMap<>();
        values.put(Settings.WAREHOUSE_URL.name(), endpoints.jdbcUrl());
        values.put(Settings.WAREHOUSE_USER.name(), endpoints.user());
        values.put(Settings.WAREHOUSE_PASSWORD.name(), endpoints.password());
        values.put(Settings.CATALOG_URL.name(), endpoints.catalogJdbcUrl());
        values.put(Settings.S3_ENDPOINT.name(), endpoints.s3Endpoint().toString());
        values.put(Settings.S3_REGION.name(), endpoints.s3Region());
        values.put(Settings.S3_ACCESS_KEY.name(), endpoints.s3AccessKey());
        values.put(Settings.S3_SECRET_KEY.name(), endpoints.s3SecretKey());
        values.put(Settings.BUCKET.name(), endpoints.bucket());
        return values;
    }

    private static Map<String, String> properties(Path file, String what) {
        Map<String, String> values = PropertiesFile.read(file, what);
        List<String> unknown = values.keySet().stream().filter(name -> Settings.ALL.stream().noneMatch(key -> key.name().equals(name))).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(what + " file " + file + " has unknown settings " + unknown + "; known settings are listed in README.md (Configuration)");
        }
        return values;
    }
}
