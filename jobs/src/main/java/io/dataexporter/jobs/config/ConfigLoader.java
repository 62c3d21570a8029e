package io.dataexporter.jobs.config;

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

    /** The sources of a command whose only setting option is {@code --env}. */
    public static ConfigSources forCommand(String env, Map<String, String> sparkConf, Map<String, String> environment, Path configFile, Path stackDirectory) {
        return load(env == null ? Map.of() : Map.of(Settings.ENV.name(), env), sparkConf, environment, Optional.ofNullable(configFile),
                Optional.ofNullable(stackDirectory));
    }

    public static ConfigSources load(Map<String, String> commandLine, Map<String, String> sparkConf, Map<String, String> environment,
                                     Optional<Path> configFile, Optional<Path> stackDirectory) {
        List<ConfigSources.Layer> layers = new ArrayList<>();
        layers.add(new ConfigSources.Layer("command line", commandLine));
        layers.add(ConfigSources.sparkConf(sparkConf));
        layers.add(ConfigSources.environment(environment));
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
