package io.dataexporter.redshiftemulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulated warehouse's settings, read from its JDBC URL, and what it did: every UNLOAD and query group, for tests
 * to check, and a fault a test can inject into the next UNLOAD.
 *
 * <p>URL: {@code jdbc:redshift-emulated://host:port/database?s3Endpoint=...&s3Region=...&s3AccessKey=...&s3SecretKey=...}
 * with, optionally, {@code requireKmsKey=true} (refuse an UNLOAD without {@code KMS_KEY_ID}) and {@code slices=N} (files
 * per UNLOAD with {@code PARALLEL ON}, default 2). The other parameters go to PostgreSQL as they are.
 *
 * @param postgresUrl   the PostgreSQL URL the sessions run on
 * @param s3Endpoint    the S3 server UNLOAD writes to
 * @param s3Region      its region
 * @param s3AccessKey   the cluster's own key: what a role given to UNLOAD stands for
 * @param s3SecretKey   its secret
 * @param requireKmsKey refuse an UNLOAD without {@code KMS_KEY_ID}
 * @param slices        files per parallel UNLOAD
 */
public record EmulatedRedshift(String postgresUrl, URI s3Endpoint, String s3Region, String s3AccessKey, String s3SecretKey, boolean requireKmsKey,
                               int slices) {

    public static final String URL_PREFIX = "jdbc:redshift-emulated:";
    private static final List<String> OWN_PARAMETERS = List.of("connectionTimezone", "s3Endpoint", "s3Region", "s3AccessKey", "s3SecretKey", "requireKmsKey", "slices");

    private static final List<Unload> UNLOADS = new CopyOnWriteArrayList<>();
    private static final List<String> QUERY_GROUPS = new CopyOnWriteArrayList<>();
    private static final AtomicReference<Fault> NEXT_FAULT = new AtomicReference<>();

    /** Where an injected fault stops the next UNLOAD. */
    public enum Fault {
        /** Before any file is written. */
        BEFORE_FILES,
        /** After every part file is written, before the manifest: the files stay, as after a cluster failure. */
        AFTER_FILES
    }

    /**
     * One UNLOAD that ran.
     *
     * @param command the statement as parsed
     * @param rows    rows written
     * @param keys    the S3 keys written, manifest last
     * @param outcome {@code OK} or the error's message
     */
    public record Unload(UnloadCommand command, long rows, List<String> keys, String outcome) {
    }

    /** The settings of a {@code jdbc:redshift-emulated:} URL; an unknown form or a missing S3 setting is an error naming the fix. */
    public static EmulatedRedshift fromUrl(String url) {
        if (!url.startsWith(URL_PREFIX + "//")) {
            throw new IllegalArgumentException("Not an emulated Redshift URL: it must start with " + URL_PREFIX + "//host:port/database");
        }
        String rest = url.substring(URL_PREFIX.length());
        int question = rest.indexOf('?');
        String base = question < 0 ? rest : rest.substring(0, question);
        Map<String, String> own = new LinkedHashMap<>();
        List<String> passed = new ArrayList<>();
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                if (OWN_PARAMETERS.contains(name)) {
                    own.put(name, URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8));
                } else if (!pair.isEmpty()) {
                    passed.add(pair);
                }
            }
        }
        for (String required : List.of("s3Endpoint", "s3Region", "s3AccessKey", "s3SecretKey")) {
            if (own.getOrDefault(required, "").isBlank()) {
                throw new IllegalArgumentException("The emulated Redshift URL has no " + required + "; add " + required + "=... (the local stack's S3 setting)");
            }
        }
        int slices = Integer.parseInt(own.getOrDefault("slices", "2"));
        if (slices < 1 || slices > 64) {
            throw new IllegalArgumentException("slices=" + slices + " in the emulated Redshift URL is out of range; use 1 to 64");
        }
        String postgresUrl = "jdbc:postgresql:" + base + (passed.isEmpty() ? "" : "?" + String.join("&", passed));
        return new EmulatedRedshift(postgresUrl, URI.create(own.get("s3Endpoint")), own.get("s3Region"), own.get("s3AccessKey"), own.get("s3SecretKey"),
                Boolean.parseBoolean(own.getOrDefault("requireKmsKey", "false")), slices);
    }

    @Override
    public String toString() {
        return "EmulatedRedshift[" + postgresUrl + ", s3=" + s3Endpoint + ", requireKmsKey=" + requireKmsKey + ", slices=" + slices + "]";
    }

    /** Every UNLOAD since the last {@link #clearRecords()}, oldest first. */
    public static List<Unload> unloads() {
        return List.copyOf(UNLOADS);
    }

    /** Every {@code set query_group to ...} value since the last {@link #clearRecords()}. */
    public static List<String> queryGroups() {
        return List.copyOf(QUERY_GROUPS);
    }

    public static void clearRecords() {
        UNLOADS.clear();
        QUERY_GROUPS.clear();
        NEXT_FAULT.set(null);
    }

    /** The next UNLOAD (in this JVM) fails at {@code fault}; later ones run. */
    public static void failNextUnload(Fault fault) {
        NEXT_FAULT.set(fault);
    }

    static Optional<Fault> takeFault() {
        return Optional.ofNullable(NEXT_FAULT.getAndSet(null));
    }

    static void record(Unload unload) {
        UNLOADS.add(unload);
    }

    static void recordQueryGroup(String group) {
        QUERY_GROUPS.add(group);
    }
}
