package io.dataexporter.jobs.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves settings from layered sources, highest precedence first: command-line options, Spark conf
 * ({@code spark.dataexporter.*}), the environment ({@code DATA_EXPORTER_*}), the {@code --config} properties file,
 * the local stack's {@code stack.properties}, then the key's default. A blank value counts as unset.
 */
public final class ConfigSources {

    /** One layer: its name (for messages) and its values, keyed by setting name. */
    public record Layer(String name, Map<String, String> values) {
        public Layer {
            values = Map.copyOf(values);
        }
    }

    private final List<Layer> layers;

    public ConfigSources(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The environment as a layer: {@code DATA_EXPORTER_S3_BUCKET} becomes {@code s3.bucket}. */
    public static Layer environment(Map<String, String> environment) {
        return byAlias("environment", environment, SettingKey::environmentName);
    }

    /** Spark conf as a layer: {@code spark.dataexporter.s3.bucket} becomes {@code s3.bucket}. */
    public static Layer sparkConf(Map<String, String> conf) {
        return byAlias("Spark conf", conf, SettingKey::sparkConfName);
    }

    private static Layer byAlias(String name, Map<String, String> raw, java.util.function.Function<SettingKey, String> alias) {
        Map<String, String> values = new java.util.HashMap<>();
        for (SettingKey key : Settings.ALL) {
            String value = raw.get(alias.apply(key));
            if (value != null) {
                values.put(key.name(), value);
            }
        }
        return new Layer(name, values);
    }

    public Optional<String> find(SettingKey key) {
        for (Layer layer : layers) {
            String value = layer.values().get(key.name());
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.ofNullable(key.defaultValue());
    }

    public String require(SettingKey key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("Setting '" + key.name() + "' is not set (" + key.description()
                + "); set it in the --config file, as " + key.environmentName() + ", or as Spark conf " + key.sparkConfName()));
    }

    public int requireInt(SettingKey key, int min) {
        String value = require(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Setting '" + key.name() + "' is '" + value + "'; expected a whole number of at least " + min);
    }

    public String oneOf(SettingKey key, String... allowed) {
        String value = require(key);
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException("Setting '" + key.name() + "' is '" + value + "'; expected one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** Which layer a key's value came from; for the run report. */
    public String origin(SettingKey key) {
        for (Layer layer : layers) {
            String value = layer.values().get(key.name());
            if (value != null && !value.isBlank()) {
                return layer.name();
            }
        }
        return "default";
    }

    public List<Layer> layers() {
        return layers;
    }
}
