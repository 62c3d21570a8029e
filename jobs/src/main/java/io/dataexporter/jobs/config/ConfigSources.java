package io.dataexporter.jobs.config;

import io.dataexporter.common.config.SettingSources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs' typed view of {@link SettingSources}, the reader every entry point shares: command-line options, Spark conf
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
    private final SettingSources sources;

    public ConfigSources(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        this.sources = new SettingSources(layers.stream().map(layer -> new SettingSources.Layer(layer.name(), layer.values())).toList());
    }

    /** The environment as a layer: {@code DATA_EXPORTER_S3_BUCKET} becomes {@code s3.bucket}. */
    public static Layer environment(Map<String, String> environment) {
        SettingSources.Layer layer = SettingSources.environment(environment, names());
        return new Layer(layer.name(), layer.values());
    }

    /** Spark conf as a layer: {@code spark.dataexporter.s3.bucket} becomes {@code s3.bucket}. */
    public static Layer sparkConf(Map<String, String> conf) {
        SettingSources.Layer layer = SettingSources.sparkConf(conf, names());
        return new Layer(layer.name(), layer.values());
    }

    private static List<String> names() {
        return Settings.ALL.stream().map(SettingKey::name).toList();
    }

    public Optional<String> find(SettingKey key) {
        return sources.find(key.name()).or(() -> Optional.ofNullable(key.defaultValue()));
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
        return sources.origin(key.name());
    }

    public List<Layer> layers() {
        return layers;
    }
}
