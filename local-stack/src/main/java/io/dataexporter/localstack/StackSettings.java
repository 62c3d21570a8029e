package io.dataexporter.localstack;

import io.dataexporter.common.config.StackProperties;
import java.nio.file.Path;

/**
 * Where the local stack keeps its data and which ports it listens on.
 *
 * @param directory   holds the PostgreSQL data directory, the S3 blob store and {@code stack.properties}
 * @param postgresPort port of the embedded PostgreSQL (warehouse stand-in, control database, Iceberg catalog)
 * @param s3Port      port of the in-JVM S3 server
 * @param bucket      the bucket created at start
 */
public record StackSettings(Path directory, int postgresPort, int s3Port, String bucket) {

    public static final Path DEFAULT_DIRECTORY = Path.of(".data-exporter");
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_S3_PORT = 19000;
    public static final String DEFAULT_BUCKET = "data-exporter";

    public StackSettings {
        if (directory == null) {
            throw new IllegalArgumentException("Cannot start the stack: no directory given (use --dir, default " + DEFAULT_DIRECTORY + ")");
        }
        checkPort("PostgreSQL", postgresPort);
        checkPort("S3", s3Port);
        if (postgresPort != 0 && postgresPort == s3Port) {
            throw new IllegalArgumentException("Cannot start the stack: PostgreSQL and S3 both asked for port " + s3Port + "; give them different ports");
        }
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("Cannot start the stack: bucket '" + bucket + "' is not a valid S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
    }

    /** The defaults under {@code directory}. */
    public static StackSettings defaults(Path directory) {
        return new StackSettings(directory, DEFAULT_POSTGRES_PORT, DEFAULT_S3_PORT, DEFAULT_BUCKET);
    }

    /** Ports chosen by the operating system: for tests, which may run beside a developer's stack. */
    public static StackSettings onFreePorts(Path directory) {
        return new StackSettings(directory, 0, 0, DEFAULT_BUCKET);
    }

    public Path propertiesFile() {
        return directory.resolve(StackProperties.FILE_NAME);
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Cannot start the stack: " + what + " port " + port + " is out of range (1-65535, or 0 for any free port)");
        }
    }
}
