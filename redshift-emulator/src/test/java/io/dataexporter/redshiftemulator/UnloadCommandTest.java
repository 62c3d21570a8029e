package io.dataexporter.redshiftemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnloadCommandTest {

    @Test
    void parse_theConnectorsStatement_unescapesTheQueryAsRedshiftDoes() throws SQLException {
        // as the connector writes it: the query's \ and ' escaped with a backslash
        String query = "SELECT \"name\" FROM (SELECT 'O''Brien' AS a, 'back\\\\slash' AS b FROM t) ";
        String escaped = query.replace("\\", "\\\\").replace("'", "\\'");
        // the connector's statement, with the export's extraunloadoptions
        UnloadCommand command = UnloadCommand.parse("UNLOAD ('" + escaped + "') TO 's3://temp-bucket/unload/run-1/speeds/8f1c/'"
                + " WITH CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/unload' FORMAT AS PARQUET  MANIFEST"
                + " ENCRYPTED AUTO REGION AS 'ap-southeast-2' ");

        assertThat(command).isEqualTo(new UnloadCommand(query, "temp-bucket", "unload/run-1/speeds/8f1c/",
                new UnloadCommand.RoleCredentials("arn:aws:iam::123456789012:role/unload"), true, false, true, true, Optional.empty(),
                Optional.of("ap-southeast-2"), UnloadCommand.MAX_FILE_SIZE, true, false));
        // the Developer Guide's SSE-KMS form
        assertThat(UnloadCommand.parse("UNLOAD ('select 1') TO 's3://b/p/' IAM_ROLE 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"
                + " FORMAT AS PARQUET MANIFEST VERBOSE KMS_KEY_ID '1234abcd-12ab-34cd-56ef-1234567890ab' ENCRYPTED")).isEqualTo(new UnloadCommand(
                "select 1", "b", "p/", new UnloadCommand.RoleCredentials("arn:aws:iam::0123456789012:role/MyRedshiftRole"), true, true, true, false,
                Optional.of("1234abcd-12ab-34cd-56ef-1234567890ab"), Optional.empty(), UnloadCommand.MAX_FILE_SIZE, true, false));
    }

    @Test
    void parse_theOtherForms_ofCredentialsSizeAndParallel() throws SQLException {
        UnloadCommand command = UnloadCommand.parse("unload ('select 1') to 's3://b/p/' access_key_id 'AK' secret_access_key 'SK' session_token 'T'"
                + " parquet maxfilesize 64 mb parallel off allowoverwrite;");

        assertThat(command.credentials()).isEqualTo(new UnloadCommand.KeyCredentials("AK", "SK", Optional.of("T")));
        assertThat(command.credentials().toString()).isEqualTo("KeyCredentials[accessKeyId=AK, secretAccessKey=****, token=****]");
        assertThat(command.maxFileSizeBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(command.parallel()).isFalse();
        assertThat(command.allowOverwrite()).isTrue();
        assertThat(command.manifest()).isFalse();
        assertThat(UnloadCommand.parse("UNLOAD ('select 1') TO 's3://b/p/' CREDENTIALS 'aws_access_key_id=AK;aws_secret_access_key=SK;token=T'"
                + " FORMAT PARQUET MAXFILESIZE 1 GB").credentials()).isEqualTo(new UnloadCommand.KeyCredentials("AK", "SK", Optional.of("T")));
        assertThat(UnloadCommand.parse("UNLOAD ('select 1') TO 's3://b/p/' IAM_ROLE default FORMAT PARQUET").credentials())
                .isEqualTo(new UnloadCommand.RoleCredentials("default"));
    }

    @Test
    void parse_takesALimitInANestedSelect_andTheWordInLiteralsAndNames() throws SQLException {
        assertThat(UnloadCommand.parse("UNLOAD ('select * from venue where venueid in (select venueid from venue order by venueid desc limit 10)')"
                + " TO 's3://b/p/' IAM_ROLE 'r' FORMAT AS PARQUET").query()).endsWith("limit 10)");
        assertThat(UnloadCommand.parse("UNLOAD ('select \\'no limit\\' AS \"limit\", speed_limit FROM t') TO 's3://b/p/' IAM_ROLE 'r' FORMAT AS PARQUET")
                .query()).isEqualTo("select 'no limit' AS \"limit\", speed_limit FROM t");
    }

    @Test
    void parse_refusesWhatRedshiftRefuses_inItsWords() {
        String target = "UNLOAD ('select 1') TO 's3://b/p/' ";
        assertRefused(target + "IAM_ROLE 'r' FORMAT AS PARQUET HEADER", "22023", "ERROR: HEADER argument is not supported for PARQUET based UNLOAD");
        assertRefused(target + "IAM_ROLE 'r' FORMAT AS PARQUET DELIMITER AS '|'", "22023",
                "ERROR: DELIMITER argument is not supported for PARQUET based UNLOAD");
        assertRefused(target + "FORMAT AS PARQUET", "22023",
                "ERROR: Missing credentials: UNLOAD needs IAM_ROLE, CREDENTIALS or ACCESS_KEY_ID and SECRET_ACCESS_KEY");
        assertRefused(target + "IAM_ROLE 'r' FORMAT AS PARQUET KMS_KEY_ID 'k'", "22023", "ERROR: KMS_KEY_ID requires ENCRYPTED");
        // Developer Guide, UNLOAD, KMS_KEY_ID: "You can't use the CREDENTIALS parameter with the KMS_KEY_ID parameter"
        assertRefused(target + "WITH CREDENTIALS 'aws_iam_role=r' FORMAT AS PARQUET MANIFEST KMS_KEY_ID 'k' ENCRYPTED", "22023",
                "ERROR: The CREDENTIALS parameter can't be used with KMS_KEY_ID; give the role as IAM_ROLE '<arn>'");
        // Developer Guide, UNLOAD, select-statement: "The SELECT query can't use a LIMIT clause in the outer SELECT"
        assertRefused("UNLOAD ('select * from venue limit 10') TO 's3://b/p/' IAM_ROLE 'r' FORMAT AS PARQUET", "22023",
                "ERROR: Limit clause is not supported in the outer SELECT of an UNLOAD; put the LIMIT in a nested SELECT: SELECT * FROM (... LIMIT n)");
        assertRefused(target + "IAM_ROLE 'r' FORMAT AS PARQUET MAXFILESIZE 1 MB", "22023",
                "ERROR: MAXFILESIZE is out of range: it must be between 5 MB and 6.2 GB");
        assertRefused(target + "IAM_ROLE 'r' FORMAT AS PARQUET COMPRESSION", "42601", "ERROR: syntax error at or near \"COMPRESSION\"");
        assertRefused(target + "IAM_ROLE 'r' FORMAT AS CSV", "0A000", "ERROR: UNLOAD FORMAT CSV is not emulated: the emulated warehouse writes PARQUET only");
        assertRefused("UNLOAD ('select 1') TO 'https://b/p/' IAM_ROLE 'r' FORMAT AS PARQUET", "22023",
                "ERROR: Invalid S3 path 'https://b/p/' in UNLOAD: the destination must be s3://bucket/prefix");
        assertRefused("UNLOAD ('select \\'1\\')", "42601", "ERROR: unterminated quoted string at or near \"'select \\'1\\')\"");
        assertRefused(target + "CREDENTIALS 'aws_iam_role=r;aws_access_key_id=AK'", "22023",
                "ERROR: Invalid credentials: give aws_iam_role alone, or aws_access_key_id with aws_secret_access_key");
    }

    @Test
    void isUnload_isTheStatementsFirstWord() {
        assertThat(UnloadCommand.isUnload("  unload ('x') TO 's3://b/'")).isTrue();
        assertThat(UnloadCommand.isUnload("SELECT 'UNLOAD'")).isFalse();
    }

    private static void assertRefused(String sql, String state, String message) {
        assertThatThrownBy(() -> UnloadCommand.parse(sql)).isInstanceOf(SQLException.class).hasMessage(message)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(state));
    }
}
