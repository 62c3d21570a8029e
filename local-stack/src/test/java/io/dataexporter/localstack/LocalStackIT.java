package io.dataexporter.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.config.StackNotRunningException;
import io.dataexporter.common.config.StackProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class LocalStackIT {

    @TempDir
    Path directory;

    @Test
    void start_whenRestartedOnSameDirectory_keepsWarehouseRowsAndObjects() throws Exception {
        StackSettings settings = StackSettings.onFreePorts(directory);
        try (LocalStack stack = LocalStack.start(settings, false)) {
            assertThat(RunningStack.find(directory)).isEqualTo(stack.endpoints());
            try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id int)");
                statement.execute("INSERT INTO kept VALUES (7)");
            }
            try (S3Client s3 = s3(stack.endpoints())) {
                s3.putObject(b -> b.bucket(stack.endpoints().bucket()).key("dir/kept.txt"), RequestBody.fromString("still here"));
            }
        }
        assertThat(settings.propertiesFile()).doesNotExist();

        try (LocalStack stack = LocalStack.start(settings, false)) {
            try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
            try (S3Client s3 = s3(stack.endpoints())) {
                String body = s3.getObjectAsBytes(b -> b.bucket(stack.endpoints().bucket()).key("dir/kept.txt")).asUtf8String();
                assertThat(body).isEqualTo("still here");
            }
        }
    }

    @Test
    void start_whenFresh_wipesEarlierData() throws Exception {
        StackSettings settings = StackSettings.onFreePorts(directory);
        try (LocalStack stack = LocalStack.start(settings, false);
             Connection connection = stack.openConnection(); Statement statement = connection.createStatement();
             S3Client s3 = s3(stack.endpoints())) {
            statement.execute("CREATE TABLE wiped (id int)");
            s3.putObject(b -> b.bucket(stack.endpoints().bucket()).key("earlier/object.txt"), RequestBody.fromString("earlier run"));
            assertThat(s3.listObjectsV2(b -> b.bucket(stack.endpoints().bucket())).keyCount()).isEqualTo(1);
        }
        try (LocalStack stack = LocalStack.start(settings, true);
             Connection connection = stack.openConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'wiped'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
            try (S3Client s3 = s3(stack.endpoints())) {
                assertThat(s3.listObjectsV2(b -> b.bucket(stack.endpoints().bucket())).keyCount()).isZero();
            }
        }
    }

    @Test
    void find_whenNoStackWasStarted_namesTheFileAndTheFix() {
        assertThatThrownBy(() -> RunningStack.find(directory))
                .isInstanceOf(StackNotRunningException.class)
                .hasMessage("No local stack found: " + directory.resolve("stack.properties").toAbsolutePath()
                        + " does not exist. Start one with 'bin/data-exporter stack' (or 'bin/data-exporter demo'), or pass --dir");
    }

    @Test
    void find_whenStackStoppedWithoutCleanup_saysItDoesNotAnswer() throws Exception {
        StackSettings settings = StackSettings.onFreePorts(directory);
        StackEndpoints endpoints;
        try (LocalStack stack = LocalStack.start(settings, false)) {
            endpoints = stack.endpoints();
        }
        StackProperties.write(settings.propertiesFile(), endpoints);

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(settings.propertiesFile())))
                .as("stack.properties holds secrets").isEqualTo("rw-------");
        assertThatThrownBy(() -> RunningStack.find(directory))
                .isInstanceOf(StackNotRunningException.class)
                .hasMessageStartingWith("The stack recorded in " + settings.propertiesFile().toAbsolutePath() + " does not answer ("
                        + endpoints.jdbcUrl() + ": ")
                .hasMessageEndingWith("Start it with 'bin/data-exporter stack --dir " + directory + "'");
    }

    static S3Client s3(StackEndpoints endpoints) {
        return TestS3.client(endpoints);
    }
}
