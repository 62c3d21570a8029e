package io.dataexporter.redshiftemulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs one UNLOAD as Redshift does for {@code FORMAT AS PARQUET}: the query's rows go to Snappy-compressed Parquet part
 * files under the target prefix, one series per slice ({@code 0000_part_00.parquet}, ...; {@code 000.parquet}, ... with
 * {@code PARALLEL OFF}), rolled at {@code MAXFILESIZE}; then, with {@code MANIFEST}, the manifest. Column types follow
 * the Parquet types Redshift's UNLOAD writes (see README: Redshift).
 */
final class UnloadRun {

    private static final int FETCH_SIZE = 10_000;

    private final EmulatedRedshift settings;
    private final Connection connection;
    private final AtomicReference<Statement> running;

    UnloadRun(EmulatedRedshift settings, Connection connection, AtomicReference<Statement> running) {
        this.settings = settings;
        this.connection = connection;
        this.running = running;
    }

    void run(UnloadCommand command) throws SQLException {
        List<String> keys = new ArrayList<>();
        long[] rows = {0};
        try {
            check(command);
            Optional<EmulatedRedshift.Fault> fault = EmulatedRedshift.takeFault();
            try (S3Client s3 = client(command.credentials())) {
                if (!command.allowOverwrite() && !s3.listObjectsV2(request -> request.bucket(command.bucket()).prefix(command.prefix()).maxKeys(1))
                        .contents().isEmpty()) {
                    throw RedshiftErrors.invalid("Specified unload destination on S3 is not empty. Consider using a different bucket / prefix,"
                            + " manually removing the target files in S3, or using the ALLOWOVERWRITE option.");
                }
                if (fault.equals(Optional.of(EmulatedRedshift.Fault.BEFORE_FILES))) {
                    throw RedshiftErrors.internal("UNLOAD failed before writing any file (a fault injected into the emulated warehouse)", null);
                }
                List<Part> parts = writeParts(command, s3, keys, rows);
                if (fault.equals(Optional.of(EmulatedRedshift.Fault.AFTER_FILES))) {
                    throw RedshiftErrors.internal("UNLOAD failed after writing " + parts.size() + " file(s), before the manifest (a fault injected"
                            + " into the emulated warehouse)", null);
                }
                // an UNLOAD of no rows to Parquet writes no file and no manifest (as users of the connector and of AWS's pandas SDK
                // report), so a reader meets the connector's no-manifest branch here as on a cluster
                if (command.manifest() && !parts.isEmpty()) {
                    String key = command.prefix() + "manifest";
                    s3.putObject(request -> request.bucket(command.bucket()).key(key), RequestBody.fromString(manifest(command, parts)));
                    keys.add(key);
                }
            } catch (S3Exception e) {
                throw RedshiftErrors.internal("S3ServiceException:" + e.awsErrorDetails().errorMessage() + ",Status " + e.statusCode()
                        + " (UNLOAD to s3://" + command.bucket() + "/" + command.prefix() + ")", e);
            }
            EmulatedRedshift.record(new EmulatedRedshift.Unload(command, rows[0], List.copyOf(keys), "OK"));
        } catch (SQLException e) {
            EmulatedRedshift.record(new EmulatedRedshift.Unload(command, rows[0], List.copyOf(keys), e.getMessage()));
            throw e;
        }
    }

    private void check(UnloadCommand command) throws SQLException {
        if (settings.requireKmsKey() && command.kmsKeyId().isEmpty() && !command.encryptedAuto()) {
            throw RedshiftErrors.invalid("This cluster encrypts every UNLOAD with a customer managed key: add ENCRYPTED AUTO (the bucket's default"
                    + " KMS key) or IAM_ROLE '<arn>' KMS_KEY_ID '<key>' ENCRYPTED");
        }
        if (command.region().isPresent() && !command.region().get().equals(settings.s3Region())) {
            throw RedshiftErrors.invalid("S3ServiceException:The bucket you are attempting to access must be addressed using the specified endpoint"
                    + " (REGION AS '" + command.region().get() + "' but the bucket is in " + settings.s3Region() + ")");
        }
    }

    /** A part file written: its key, size and rows. */
    record Part(String key, long bytes, long rows) {
    }

    private List<Part> writeParts(UnloadCommand command, S3Client s3, List<String> keys, long[] rows) throws SQLException {
        Path folder;
        try {
            folder = Files.createTempDirectory("redshift-unload");
        } catch (IOException e) {
            throw RedshiftErrors.internal("UNLOAD cannot stage its files: " + e.getMessage(), e);
        }
        boolean autoCommit = connection.getAutoCommit();
        List<Part> parts = new ArrayList<>();
        try {
            if (autoCommit) {
                connection.setAutoCommit(false); // PostgreSQL streams a result through a cursor only inside a transaction
            }
            try (Statement statement = connection.createStatement()) {
                running.set(statement);
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet result = statement.executeQuery(RedshiftSql.aliasSubqueries(command.query()))) {
                    List<UnloadColumns.Column> columns = UnloadColumns.of(result.getMetaData());
                    MessageType schema = new MessageType("redshift_unload", columns.stream().<org.apache.parquet.schema.Type>map(UnloadColumns.Column::type).toList());
                    Slices slices = new Slices(command, schema, folder, s3, parts, keys);
                    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
                    while (result.next()) {
                        Group group = groups.newGroup();
                        for (int i = 0; i < columns.size(); i++) {
                            columns.get(i).copy(result, i + 1, group, i);
                        }
                        slices.write(rows[0]++, group);
                    }
                    slices.close();
                }
            } finally {
                running.set(null);
                if (autoCommit) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (IOException e) {
            throw RedshiftErrors.internal("UNLOAD cannot write its Parquet files: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
        return parts;
    }

    /** One writer per slice, created at the slice's first row and rolled at {@code MAXFILESIZE}. */
    private final class Slices {
        private final UnloadCommand command;
        private final MessageType schema;
        private final Path folder;
        private final S3Client s3;
        private final List<Part> parts;
        private final List<String> keys;
        private final ParquetWriter<Group>[] writers;
        private final Path[] files;
        private final int[] partNumbers;
        private final long[] partRows;

        @SuppressWarnings("unchecked")
        Slices(UnloadCommand command, MessageType schema, Path folder, S3Client s3, List<Part> parts, List<String> keys) {
            this.command = command;
            this.schema = schema;
            this.folder = folder;
            this.s3 = s3;
            this.parts = parts;
            this.keys = keys;
            int count = command.parallel() ? settings.slices() : 1;
            this.writers = new ParquetWriter[count];
            this.files = new Path[count];
            this.partNumbers = new int[count];
            this.partRows = new long[count];
        }

        void write(long row, Group group) throws IOException {
            int slice = (int) (row % writers.length);
            if (writers[slice] == null) {
                files[slice] = folder.resolve(name(slice));
                writers[slice] = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(files[slice].toUri()), new Configuration()))
                        .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY).build();
            }
            writers[slice].write(group);
            partRows[slice]++;
            if (writers[slice].getDataSize() >= command.maxFileSizeBytes()) {
                finish(slice);
            }
        }

        void close() throws IOException {
            for (int slice = 0; slice < writers.length; slice++) {
                if (writers[slice] != null) {
                    finish(slice);
                }
            }
        }

        private void finish(int slice) throws IOException {
            writers[slice].close();
            writers[slice] = null;
            String key = command.prefix() + files[slice].getFileName();
            long bytes = Files.size(files[slice]);
            s3.putObject(request -> request.bucket(command.bucket()).key(key), RequestBody.fromFile(files[slice]));
            keys.add(key);
            parts.add(new Part(key, bytes, partRows[slice]));
            partRows[slice] = 0;
            partNumbers[slice]++;
        }

        private String name(int slice) {
            return command.parallel()
                    ? String.format("%04d_part_%02d.parquet", slice, partNumbers[slice])
                    : String.format("%03d.parquet", partNumbers[slice]);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Redshift's manifest (Developer Guide, UNLOAD, MANIFEST [ VERBOSE ]): the URL of each part file; with VERBOSE also
     * each file's {@code meta} (size and rows), the totals, and the author.
     */
    static String manifest(UnloadCommand command, List<Part> parts) {
        ObjectNode manifest = JSON.createObjectNode();
        ArrayNode entries = manifest.putArray("entries");
        for (Part part : parts) {
            ObjectNode entry = entries.addObject().put("url", "s3://" + command.bucket() + "/" + part.key());
            if (command.verbose()) {
                entry.putObject("meta").put("content_length", part.bytes()).put("record_count", part.rows());
            }
        }
        if (command.verbose()) {
            manifest.putObject("meta").put("content_length", parts.stream().mapToLong(Part::bytes).sum())
                    .put("record_count", parts.stream().mapToLong(Part::rows).sum());
            manifest.putObject("author").put("name", "Amazon Redshift").put("version", "1.0.0");
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the manifest: " + e.getMessage(), e);
        }
    }

    private S3Client client(UnloadCommand.Credentials credentials) {
        AwsCredentials keys;
        if (credentials instanceof UnloadCommand.KeyCredentials given) {
            keys = given.sessionToken().<AwsCredentials>map(token -> AwsSessionCredentials.create(given.accessKeyId(), given.secretAccessKey(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(given.accessKeyId(), given.secretAccessKey()));
        } else {
            keys = AwsBasicCredentials.create(settings.s3AccessKey(), settings.s3SecretKey()); // the role the cluster assumes
        }
        return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(settings.s3Endpoint())
                .region(Region.of(settings.s3Region())).forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(keys)).build();
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a staging folder left in the temporary directory costs disk, not correctness
        }
    }
}
