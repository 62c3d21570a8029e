package io.dataexporter.common.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed reader of settings every entry point shares (both Spark jobs, {@code submit-scheduled}, the API server and
 * the launcher), over the layers of {@link SettingSources}: command-line options, Spark conf ({@code spark.dataexporter.*},
 * the jobs only), the environment ({@code DATA_EXPORTER_*}), the {@code --config} properties file, the local stack's
 * {@code stack.properties}, then the key's default. A blank value counts as unset. Every message names the key and
 * where to set it.
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

    /** The environment as a layer of the given keys: {@code DATA_EXPORTER_S3_BUCKET} becomes {@code s3.bucket}. */
    public static Layer environment(Map<String, String> environment, Collection<SettingKey> keys) {
        SettingSources.Layer layer = SettingSources.environment(environment, names(keys));
        return new Layer(layer.name(), layer.values());
    }

    /** Spark conf as a layer of the given keys: {@code spark.dataexporter.s3.bucket} becomes {@code s3.bucket}. */
    public static Layer sparkConf(Map<String, String> conf, Collection<SettingKey> keys) {
        SettingSources.Layer layer = SettingSources.sparkConf(conf, names(keys));
        return new Layer(layer.name(), layer.values());
    }

    private static List<String> names(Collection<SettingKey> keys) {
        return keys.stream().map(SettingKey::name).toList();
    }

    public Optional<String> find(SettingKey key) {
        return sources.find(key.name()).or(() -> Optional.ofNullable(key.defaultValue()));
    }

    public String require(SettingKey key) {
        return find(key).orElseThrow(() -> missing(key, key.description()));
    }

    /** The key is not set, and {@code why} says what needs it; where to set it lists Spark conf only where these sources read it. */
    public IllegalArgumentException missing(SettingKey key, String why) {
        boolean readsSparkConf = layers.stream().anyMatch(layer -> layer.name().equals(SettingSources.SPARK_CONF));
        return new IllegalArgumentException("Setting '" + key.name() + "' is not set (" + why + "); set it in the --config file"
                + (readsSparkConf ? ", as " + key.environmentName() + ", or as Spark conf " + key.sparkConfName() : " or as " + key.environmentName()));
    }

    public int requireInt(SettingKey key, int min) {
        return requireInt(key, min, Integer.MAX_VALUE);
    }

    public int requireInt(SettingKey key, int min, int max) {
        String value = require(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Setting '" + key.name() + "' is '" + value + "'; expected a whole number "
                + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max));
    }

    public java.time.Duration requireSeconds(SettingKey key, int min, int max) {
        return java.time.Duration.ofSeconds(requireInt(key, min, max));
    }

    public String oneOf(SettingKey key, String... allowed) {
        String value = require(key);
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException("Setting '" + key.name() + "' is '" + value + "'; expected one of " + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * The value as a constant of {@code kinds}, each spelled in lower case with '-' for '_' ({@code EMR_STEP} is
     * {@code emr-step}); a switch over the result names every kind, so a new one does not compile until it is handled.
     */
    public <E extends Enum<E>> E choice(SettingKey key, Class<E> kinds) {
        E[] constants = kinds.getEnumConstants();
        String[] spelled = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            spelled[i] = spelling(constants[i]);
        }
        String value = oneOf(key, spelled);
        return constants[List.of(spelled).indexOf(value)];
    }

    /** How a kind is written in a setting: {@code EMR_STEP} is {@code emr-step}. */
    public static String spelling(Enum<?> kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean requireBoolean(SettingKey key) {
        return "true".equals(oneOf(key, "true", "false"));
    }

    /** Which layer a key's value came from; for the run report. */
    public String origin(SettingKey key) {
        return sources.origin(key.name());
    }

    public List<Layer> layers() {
        return layers;
    }
}
