package io.dataexporter.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Reads and writes {@code stack.properties}: the contract between {@code stack} and every other subcommand. */
public final class StackProperties {

    public static final String FILE_NAME = "stack.properties";

    static final String JDBC_URL = "warehouse.jdbc.url";
    static final String USER = "warehouse.user";
    static final String PASSWORD = "warehouse.password";
    static final String CATALOG_JDBC_URL = "catalog.jdbc.url";
    static final String S3_ENDPOINT = "s3.endpoint";
    static final String S3_REGION = "s3.region";
    static final String S3_ACCESS_KEY = "s3.access-key";
    static final String S3_SECRET_KEY = "s3.secret-key";
    static final String S3_BUCKET = "s3.bucket";
    public static final String API_TOKEN = "api.token";
    public static final String API_TOKEN_FILE = "api-token";

    private StackProperties() {
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    public static void write(Path file, StackEndpoints endpoints) {
        Properties properties = new Properties();
        properties.setProperty(JDBC_URL, endpoints.jdbcUrl());
        properties.setProperty(USER, endpoints.user());
        properties.setProperty(PASSWORD, endpoints.password());
        properties.setProperty(CATALOG_JDBC_URL, endpoints.catalogJdbcUrl());
        properties.setProperty(S3_ENDPOINT, endpoints.s3Endpoint().toString());
        properties.setProperty(S3_REGION, endpoints.s3Region());
        properties.setProperty(S3_ACCESS_KEY, endpoints.s3AccessKey());
        properties.setProperty(S3_SECRET_KEY, endpoints.s3SecretKey());
        properties.setProperty(S3_BUCKET, endpoints.bucket());
        properties.setProperty(API_TOKEN, developmentToken(file.toAbsolutePath().resolveSibling(API_TOKEN_FILE)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            // owner-only from the start: the file holds the warehouse password, the S3 secret and the API token
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "Data Exporter local stack: written by 'bin/data-exporter stack', read by every other subcommand");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the stack's connection details to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The local stack's development API token: random, created once and kept in {@code D/api-token} (owner-only), so
     * that scripts and the demo's curl lines keep working across restarts. Never a production token.
     */
    public static String developmentToken(Path tokenFile) {
        try {
            if (Files.isRegularFile(tokenFile)) {
                return Files.readString(tokenFile).strip();
            }
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            String token = "dev-" + java.util.HexFormat.of().formatHex(random);
            Files.createDirectories(tokenFile.getParent());
            Files.createFile(tokenFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(tokenFile, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the development API token " + tokenFile + ": " + e.getMessage(), e);
        }
    }

    /** Every property of a running stack's stack.properties file, as written. */
    public static java.util.Map<String, String> values(Path file) {
        read(file);
        return io.dataexporter.common.config.PropertiesFile.read(file, "the local stack's " + FILE_NAME);
    }

    public static StackEndpoints read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StackNotRunningException("No local stack found: " + file.toAbsolutePath()
                    + " does not exist. Start one with 'bin/data-exporter stack' (or 'bin/data-exporter demo'), or pass --dir");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return new StackEndpoints(
                properties.getProperty(JDBC_URL),
                properties.getProperty(USER),
                properties.getProperty(PASSWORD),
                URI.create(properties.getProperty(S3_ENDPOINT, "")),
                properties.getProperty(S3_REGION),
                properties.getProperty(S3_ACCESS_KEY),
                properties.getProperty(S3_SECRET_KEY),
                properties.getProperty(S3_BUCKET),
                properties.getProperty(CATALOG_JDBC_URL));
    }
}
