package io.dataexporter.common.config;

/**
 * One configuration key with its default. The same key is spelled {@code export.env} in a properties file,
 * {@code spark.dataexporter.export.env} in Spark conf and {@code DATA_EXPORTER_EXPORT_ENV} in the environment.
 */
public record SettingKey(String name, String defaultValue, boolean secret, String description) {

    public SettingKey {
        if (name == null || !name.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
            throw new IllegalArgumentException("Invalid setting key '" + name + "'");
        }
    }

    public static SettingKey of(String name, String defaultValue, String description) {
        return new SettingKey(name, defaultValue, false, description);
    }

    public static SettingKey secret(String name, String description) {
        return new SettingKey(name, null, true, description);
    }

    public String sparkConfName() {
        return SettingSources.sparkConfName(name);
    }

    public String environmentName() {
        return SettingSources.environmentName(name);
    }
}
