package io.dataexporter.cli.bench;

import io.dataexporter.common.config.StackEndpoints;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;

/** The baselines the export is measured against, each timed by wall clock: (a) raw COPY, (b) a plain Spark copy, (e) the DuckDB peer. */
final class Baselines {

    private Baselines() {
    }

    // The window's rows as COPY text, discarded: the time the warehouse takes to hand the rows over.
    static long rawCopy(Connection connection, Instant start, Instant end) throws Exception {
        long begin = System.nanoTime();
        extractedBytes(connection, start, end);
        return System.nanoTime() - begin;
    }

    /** The size of the window's rows as COPY text: the volume the MB/s figures are of. */
    static long extractedBytes(Connection connection, Instant start, Instant end) throws Exception {
        CountingStream counter = new CountingStream();
        connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + BenchTable.plainQuery(start, end) + ") TO STDOUT", counter);
        return counter.count;
    }

    static long plainCopy(SparkSession spark, StackEndpoints endpoints, Instant start, Instant end, Path work) {
        long begin = System.nanoTime();
        spark.read().format("jdbc").option("url", endpoints.jdbcUrl()).option("user", endpoints.user()).option("password", endpoints.password())
                .option("driver", "org.postgresql.Driver").option("fetchsize", "10000")
                .option("dbtable", "(" + BenchTable.plainQuery(start, end) + ") AS plain").option("partitionColumn", "ts")
                .option("lowerBound", start.toString().replace('T', ' ').replace("Z", "")).option("upperBound", end.toString().replace('T', ' ').replace("Z", ""))
                .option("numPartitions", "4").load()
                .write().mode("overwrite").option("compression", "zstd").parquet(work.resolve("plain-b").toString());
        return System.nanoTime() - begin;
    }

    static long duckDb(Connection postgres, Instant start, Instant end, Path work) throws Exception {
        Path csv = work.resolve("peer-e.csv");
        Path parquet = work.resolve("peer-e.parquet");
        long begin = System.nanoTime();
        try (OutputStream file = Files.newOutputStream(csv)) {
            postgres.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + BenchTable.plainQuery(start, end) + ") TO STDOUT (FORMAT csv, HEADER)",
                    file);
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (" + BenchTable.duckDbPolicy("read_csv('" + csv + "', header = true)", BenchCommand.PEPPER) + ") TO '" + parquet
                    + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        return System.nanoTime() - begin;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
