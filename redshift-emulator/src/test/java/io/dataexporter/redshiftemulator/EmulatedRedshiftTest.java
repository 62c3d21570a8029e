package io.dataexporter.redshiftemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmulatedRedshiftTest {

    @Test
    void fromUrl_takesItsOwnParameters_andPassesTheRestToPostgresql() {
        EmulatedRedshift settings = EmulatedRedshift.fromUrl("jdbc:redshift-emulated://127.0.0.1:15432/postgres?ssl=false&s3Endpoint=http%3A%2F%2F127.0.0.1%3A19000"
                + "&s3Region=us-east-1&s3AccessKey=local&s3SecretKey=secret%26key&requireKmsKey=true&slices=3&connectTimeout=10");

        assertThat(settings).isEqualTo(new EmulatedRedshift("jdbc:postgresql://127.0.0.1:15432/postgres?ssl=false&connectTimeout=10",
                URI.create("http://127.0.0.1:19000"), "us-east-1", "local", "secret&key", true, 3));
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void fromUrl_withoutTheS3Settings_namesTheMissingOne() {
        assertThatThrownBy(() -> EmulatedRedshift.fromUrl("jdbc:redshift-emulated://h:1/db?s3Endpoint=http://h:2&s3Region=r&s3AccessKey=a"))
                .hasMessage("The emulated Redshift URL has no s3SecretKey; add s3SecretKey=... (the local stack's S3 setting)");
        assertThatThrownBy(() -> EmulatedRedshift.fromUrl("jdbc:postgresql://h:1/db"))
                .hasMessage("Not an emulated Redshift URL: it must start with jdbc:redshift-emulated://host:port/database");
    }

    @Test
    void manifest_plain_listsEachPartsUrlOnly() throws Exception {
        UnloadCommand command = command(false);

        assertThat(UnloadRun.manifest(command, PARTS)).isEqualTo("""
                {
                  "entries" : [ {
                    "url" : "s3://temp/unload/run/t/0000_part_00.parquet"
                  }, {
                    "url" : "s3://temp/unload/run/t/0001_part_00.parquet"
                  } ]
                }
                """);
    }

    @Test
    void manifest_verbose_addsEachPartsSizeAndRows_theTotals_andTheAuthor() throws Exception {
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(UnloadRun.manifest(command(true), PARTS));

        assertThat(manifest.toString()).isEqualTo("{\"entries\":[{\"url\":\"s3://temp/unload/run/t/0000_part_00.parquet\",\"meta\":{\"content_length\":1200,"
                + "\"record_count\":7}},{\"url\":\"s3://temp/unload/run/t/0001_part_00.parquet\",\"meta\":{\"content_length\":1100,\"record_count\":6}}],"
                + "\"meta\":{\"content_length\":2300,\"record_count\":13},\"author\":{\"name\":\"Amazon Redshift\",\"version\":\"1.0.0\"}}");
    }

    private static final List<UnloadRun.Part> PARTS = List.of(new UnloadRun.Part("unload/run/t/0000_part_00.parquet", 1200, 7),
            new UnloadRun.Part("unload/run/t/0001_part_00.parquet", 1100, 6));

    private static UnloadCommand command(boolean verbose) {
        return new UnloadCommand("SELECT 1", "temp", "unload/run/t/", new UnloadCommand.RoleCredentials("r"), true, verbose, false, false,
                Optional.empty(), Optional.empty(), UnloadCommand.MAX_FILE_SIZE, true, false);
    }
}
