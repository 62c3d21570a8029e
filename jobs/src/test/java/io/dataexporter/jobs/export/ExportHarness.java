package io.dataexporter.jobs.export;

import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.common.config.SettingKey;
import io.dataexporter.jobs.config.Settings;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestS3;
import io.dataexporter.localstack.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Runs {@link ScheduledExport} in the test JVM against the shared local stack, with settings as environment variables. */
final class ExportHarness {

    static final String PEPPER = "pepper-for-export-tests-0001";

    final LocalStack stack = TestStack.get();
    final String env;
    final Map<String, String> environment = new HashMap<>();
    String output = "";
    int exitCode = -1;

    ExportHarness(String env) {
        this.env = env;
        ConfigLoader.stackValues(stack.endpoints()).forEach((name, value) -> set(key(name), value));
        set(Settings.ENV, env);
        set(Settings.CATALOG_DATABASE, env.replace('-', '_'));
        set(Settings.HASH_PEPPER, PEPPER);
        set(Settings.RETRY_BACKOFF_MS, "1");
    }

    ExportHarness set(SettingKey key, String value) {
        environment.put(key.environmentName(), value);
        return this;
    }

    /** Runs the command; returns its exit code, keeps its output and the command (for its results). */
    ScheduledExport run(String... args) {
        ScheduledExport command = new ScheduledExport();
        command.session = TestSpark.get();
        command.environment = environment;
        command.sleeper = duration -> { };
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(command);
        java.io.StringWriter errors = new java.io.StringWriter();
        commandLine.setErr(new java.io.PrintWriter(errors));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add("target/no-stack-directory");
        exitCode = commandLine.execute(all.toArray(String[]::new));
        output = buffer.toString(StandardCharsets.UTF_8) + errors;
        return command;
    }

    /** The pepper a run in this JVM hashes with: Spark conf outranks the environment, and the test JVM passes one as Spark conf, as spark-submit does. */
    static String effectivePepper() {
        return TestSpark.get().conf().get("spark.dataexporter.hash.pepper", PEPPER);
    }

    S3Client s3() {
        return TestS3.client(stack.endpoints());
    }

    /** Object keys under a prefix, sorted. */
    List<String> keys(String prefix) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(stack.endpoints().bucket()).prefix(prefix).build())
                    .contents().stream().map(S3Object::key).sorted().toList();
        }
    }

    List<List<Object>> query(String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    void execute(String... sql) throws Exception {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private static SettingKey key(String name) {
        return Settings.ALL.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }
}
