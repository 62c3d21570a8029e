package io.dataexporter.localstack;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.config.StackProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The embedded default: PostgreSQL (warehouse stand-in, control database and Iceberg catalog) and an
 * S3-compatible server, both in this JVM's care, with their data under one directory so that it
 * survives a restart.
 */
public final class LocalStack implements AutoCloseable {

    public static final String ACCESS_KEY = "data-exporter";
    public static final String SECRET_KEY = "data-exporter-local-secret";
    public static final String REGION = "us-east-1";
    public static final String CATALOG_DATABASE = "iceberg_catalog";
    static final String POSTGRES_USER = "postgres";

    private final StackSettings settings;
    private final EmbeddedPostgres postgres;
    private final S3Proxy s3;
    private final StackEndpoints endpoints;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LocalStack(StackSettings settings, EmbeddedPostgres postgres, S3Proxy s3, StackEndpoints endpoints) {
        this.settings = settings;
        this.postgres = postgres;
        this.s3 = s3;
        this.endpoints = endpoints;
    }

    /**
     * Starts both servers, creates the catalog database and the bucket if missing, and writes
     * {@code stack.properties}. With {@code fresh}, everything under the directory is wiped first.
     */
    public static LocalStack start(StackSettings settings, boolean fresh) {
        Path directory = settings.directory().toAbsolutePath();
        if (fresh) {
            deleteRecursively(directory);
        }
        EmbeddedPostgres postgres = startPostgres(directory, settings.postgresPort());
        S3Proxy s3;
        try {
            createCatalogDatabase(postgres);
            s3 = startS3(directory, settings.s3Port(), settings.bucket());
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
        StackEndpoints endpoints = new StackEndpoints(
                postgres.getJdbcUrl(POSTGRES_USER, "postgres"),
                POSTGRES_USER,
                "",
                URI.create("http://127.0.0.1:" + s3.getPort()),
                REGION,
                ACCESS_KEY,
                SECRET_KEY,
                settings.bucket(),
                postgres.getJdbcUrl(POSTGRES_USER, CATALOG_DATABASE));
        StackProperties.write(settings.propertiesFile(), endpoints);
        return new LocalStack(settings, postgres, s3, endpoints);
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public Connection openConnection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /** Stops both servers and removes {@code stack.properties}, so nobody finds a stack that is gone. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Files.deleteIfExists(settings.propertiesFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                s3.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop the S3 server: " + e.getMessage(), e);
            } finally {
                closeQuietly(postgres);
            }
        }
    }

    private static EmbeddedPostgres startPostgres(Path directory, int port) {
        try {
            Path data = directory.resolve("postgres");
            Path binaries = directory.resolve("postgres-binaries");
            Files.createDirectories(binaries);
            return EmbeddedPostgres.builder()
                    .setPort(port == 0 ? freePort() : port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    // the seed creates its tables and fills them in one transaction: with minimal WAL, PostgreSQL
                    // writes those rows once instead of twice
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("shared_buffers", "512MB")
                    // lets operators and tests see the exact SQL the warehouse received
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL on port " + port + " under " + directory
                    + ": " + e.getMessage() + ". If another stack uses that port, stop it or pass --postgres-port", e);
        }
    }

    private static S3Proxy startS3(Path directory, int port, String bucket) {
        Path blobs = directory.resolve("s3");
        try {
            Files.createDirectories(blobs);
            BlobStore store = new FilesystemNio2BlobStore(blobs.toString());
            if (!Files.isDirectory(blobs.resolve(bucket))) {
                store.createContainer(bucket);
            }
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the S3 server on port " + port + " under " + blobs
                    + ": " + e.getMessage() + ". If another stack uses that port, stop it or pass --s3-port", e);
        }
    }

    private static void createCatalogDatabase(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + CATALOG_DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + CATALOG_DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the catalog database " + CATALOG_DATABASE + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe " + directory + " for --fresh: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // stopping is best effort: the process dies with the JVM either way
        }
    }
}
