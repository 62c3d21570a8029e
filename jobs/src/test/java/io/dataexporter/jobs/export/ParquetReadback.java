package io.dataexporter.jobs.export;

import io.dataexporter.jobs.export.PolicyExpectation.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads what the export wrote the way a consumer does, without the project's code or Spark: every Parquet object under
 * a folder of the bucket, downloaded and read by DuckDB ({@code read_parquet}), every column.
 */
public final class ParquetReadback {

    private final S3Client s3;
    private final String bucket;
    private final Path scratch;

    public ParquetReadback(S3Client s3, String bucket) throws IOException {
        this.s3 = s3;
        this.bucket = bucket;
        this.scratch = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "readback-");
    }

    /** The object keys under a folder (ending in '/'), sorted. */
    public List<String> keys(String folder) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents().stream().map(S3Object::key).sorted().toList();
    }

    /** Every row of every {@code .parquet} object under the folder; any other object there is an error. */
    public Rows read(String folder, Set<String> otherObjects) throws IOException, SQLException {
        List<String> keys = keys(folder);
        List<String> unexpected = keys.stream().filter(key -> !key.endsWith(".parquet") && !otherObjects.contains(key.substring(folder.length()))).toList();
        if (!unexpected.isEmpty()) {
            throw new AssertionError("Unexpected objects under " + folder + ": " + unexpected);
        }
        List<Path> files = keys.stream().filter(key -> key.endsWith(".parquet")).map(this::download).toList();
        if (files.isEmpty()) {
            throw new AssertionError("No Parquet file under " + folder);
        }
        String list = files.stream().map(file -> "'" + file + "'").collect(Collectors.joining(", ", "[", "]"));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet result = statement.executeQuery("SELECT * FROM read_parquet(" + list + ")")) {
                return Rows.read(result, Set.of());
            }
        }
    }

    /** The Parquet schema of the first data file under the folder: one "name type logical-type" line per column. */
    public List<String> schema(String folder) throws SQLException {
        Path file = keys(folder).stream().filter(key -> key.endsWith(".parquet")).findFirst().map(this::download)
                .orElseThrow(() -> new AssertionError("No Parquet file under " + folder));
        List<String> columns = new java.util.ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement();
             ResultSet result = statement.executeQuery("SELECT name, type, logical_type FROM parquet_schema('" + file + "') WHERE type IS NOT NULL")) {
            while (result.next()) {
                columns.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
            }
        }
        return columns;
    }

    private Path download(String key) {
        try {
            Path local = Files.createDirectories(scratch.resolve(key).getParent()).resolve(Path.of(key).getFileName());
            Files.write(local, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            return local;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
