package io.dataexporter.redshiftemulator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code UNLOAD ('query') TO 's3://...' ...} statement, parsed as Redshift reads it: the query literal unescaped
 * with Redshift's rules (a backslash escapes the next character, {@code ''} is a quote), the options of a Parquet
 * unload, and Redshift's refusals (an option Parquet does not take, no credentials, a KMS key without
 * {@code ENCRYPTED}, a size out of range) as errors in Redshift's words.
 *
 * @param query            the query to run, unescaped
 * @param bucket           the target bucket
 * @param prefix           the key prefix of every file (everything after the bucket in {@code TO})
 * @param credentials      how Redshift reaches S3
 * @param manifest         {@code MANIFEST} was given
 * @param verbose          {@code MANIFEST VERBOSE}: the manifest also gives each file's size and rows, and the totals
 * @param encrypted        {@code ENCRYPTED} was given
 * @param encryptedAuto    {@code ENCRYPTED AUTO}: the target bucket's default KMS key encrypts the files
 * @param kmsKeyId         {@code KMS_KEY_ID}
 * @param region           {@code REGION [AS]}
 * @param maxFileSizeBytes {@code MAXFILESIZE}, or Redshift's default of 6.2 GB
 * @param parallel         {@code PARALLEL ON} (the default): one file per slice
 * @param allowOverwrite   {@code ALLOWOVERWRITE}
 */
public record UnloadCommand(String query, String bucket, String prefix, Credentials credentials, boolean manifest, boolean verbose,
                            boolean encrypted, boolean encryptedAuto, Optional<String> kmsKeyId, Optional<String> region, long maxFileSizeBytes, boolean parallel, boolean allowOverwrite) {

    static final long MB = 1024L * 1024;
    static final long MIN_FILE_SIZE = 5 * MB;
    static final long MAX_FILE_SIZE = 6_200 * MB;
    private static final List<String> TEXT_ONLY_OPTIONS = List.of("HEADER", "DELIMITER", "FIXEDWIDTH", "ADDQUOTES", "ESCAPE", "NULL", "GZIP", "BZIP2",
            "ZSTD", "EXTENSION");

    /** How the UNLOAD authenticates to S3: a role Redshift assumes, or keys given in the statement. */
    public sealed interface Credentials {
    }

    public record RoleCredentials(String roleArn) implements Credentials {
    }

    public record KeyCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) implements Credentials {
        @Override
        public String toString() {
            return "KeyCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****" + (sessionToken.isPresent() ? ", token=****" : "") + "]";
        }
    }

    /** True for a statement that starts with {@code UNLOAD}, whatever follows. */
    public static boolean isUnload(String sql) {
        return sql.stripLeading().regionMatches(true, 0, "UNLOAD", 0, 6);
    }

    public static UnloadCommand parse(String sql) throws SQLException {
        UnloadTokens tokens = new UnloadTokens(sql.strip());
        tokens.expectWord("UNLOAD");
        tokens.expect('(');
        String query = tokens.literal();
        tokens.expect(')');
        tokens.expectWord("TO");
        String to = tokens.literal();
        if (!to.startsWith("s3://") || to.length() <= 5) {
            throw RedshiftErrors.invalid("Invalid S3 path '" + to + "' in UNLOAD: the destination must be s3://bucket/prefix");
        }
        String path = to.substring(5);
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);

        Credentials credentials = null;
        String format = "TEXT";
        boolean manifest = false;
        boolean verbose = false;
        boolean encrypted = false;
        boolean encryptedAuto = false;
        boolean credentialsClause = false;
        Optional<String> kms = Optional.empty();
        Optional<String> region = Optional.empty();
        long maxFileSize = MAX_FILE_SIZE;
        boolean parallel = true;
        boolean allowOverwrite = false;
        String accessKey = null;
        String secretKey = null;
        String sessionToken = null;
        List<String> textOptions = new ArrayList<>();
        while (!tokens.atEnd()) {
            String word = tokens.word();
            switch (word) {
                case "WITH" -> {
                    tokens.expectWord("CREDENTIALS");
                    tokens.optionalWord("AS");
                    credentials = credentials(tokens.literal());
                    credentialsClause = true;
                }
                case "CREDENTIALS" -> {
                    tokens.optionalWord("AS");
                    credentials = credentials(tokens.literal());
                    credentialsClause = true;
                }
                case "IAM_ROLE" -> credentials = new RoleCredentials(tokens.optionalWord("DEFAULT") ? "default" : tokens.literal());
                case "ACCESS_KEY_ID" -> accessKey = tokens.literal();
                case "SECRET_ACCESS_KEY" -> secretKey = tokens.literal();
                case "SESSION_TOKEN" -> sessionToken = tokens.literal();
                case "FORMAT" -> {
                    tokens.optionalWord("AS");
                    format = tokens.word();
                }
                case "PARQUET", "CSV", "JSON" -> format = word;
                case "MANIFEST" -> {
                    manifest = true;
                    verbose = tokens.optionalWord("VERBOSE");
                }
                case "ENCRYPTED" -> {
                    encrypted = true;
                    encryptedAuto = tokens.optionalWord("AUTO");
                }
                case "KMS_KEY_ID" -> kms = Optional.of(tokens.literal());
                case "REGION" -> {
                    tokens.optionalWord("AS");
                    region = Optional.of(tokens.literal());
                }
                case "MAXFILESIZE" -> {
                    tokens.optionalWord("AS");
                    double size = tokens.number();
                    long unit = tokens.optionalWord("GB") ? 1024 * MB : MB;
                    if (unit == MB) {
                        tokens.optionalWord("MB");
                    }
                    maxFileSize = (long) (size * unit);
                    if (maxFileSize < MIN_FILE_SIZE || maxFileSize > MAX_FILE_SIZE) {
                        throw RedshiftErrors.invalid("MAXFILESIZE is out of range: it must be between 5 MB and 6.2 GB");
                    }
                }
                case "PARALLEL" -> {
                    parallel = !(tokens.optionalWord("OFF") || tokens.optionalWord("FALSE"));
                    if (parallel && !tokens.optionalWord("ON")) {
                        tokens.optionalWord("TRUE");
                    }
                }
                case "ALLOWOVERWRITE" -> allowOverwrite = true;
                case "CLEANPATH" -> allowOverwrite = true;
                default -> {
                    if (TEXT_ONLY_OPTIONS.contains(word)) {
                        textOptions.add(word);
                        tokens.skipOptionArgument();
                    } else {
                        throw RedshiftErrors.syntax(word);
                    }
                }
            }
        }
        if (accessKey != null || secretKey != null) {
            if (accessKey == null || secretKey == null) {
                throw RedshiftErrors.invalid("ACCESS_KEY_ID and SECRET_ACCESS_KEY must be given together");
            }
            if (credentials != null) {
                throw RedshiftErrors.invalid("Conflicting credentials: give one of IAM_ROLE, CREDENTIALS or ACCESS_KEY_ID");
            }
            credentials = new KeyCredentials(accessKey, secretKey, Optional.ofNullable(sessionToken));
        }
        if (credentials == null) {
            throw RedshiftErrors.invalid("Missing credentials: UNLOAD needs IAM_ROLE, CREDENTIALS or ACCESS_KEY_ID and SECRET_ACCESS_KEY");
        }
        if (!"PARQUET".equals(format)) {
            throw RedshiftErrors.unsupported("UNLOAD FORMAT " + format + " is not emulated: the emulated warehouse writes PARQUET only");
        }
        if (!textOptions.isEmpty()) {
            throw RedshiftErrors.invalid(textOptions.get(0) + " argument is not supported for PARQUET based UNLOAD");
        }
        if (kms.isPresent() && !encrypted) {
            throw RedshiftErrors.invalid("KMS_KEY_ID requires ENCRYPTED");
        }
        // Developer Guide, UNLOAD, KMS_KEY_ID: "You can't use the CREDENTIALS parameter with the KMS_KEY_ID parameter"
        if (kms.isPresent() && credentialsClause) {
            throw RedshiftErrors.invalid("The CREDENTIALS parameter can't be used with KMS_KEY_ID; give the role as IAM_ROLE '<arn>'");
        }
        // Developer Guide, UNLOAD, select-statement: "The SELECT query can't use a LIMIT clause in the outer SELECT"
        if (RedshiftSql.hasOuterLimit(query)) {
            throw RedshiftErrors.invalid("Limit clause is not supported in the outer SELECT of an UNLOAD; put the LIMIT in a nested"
                    + " SELECT: SELECT * FROM (... LIMIT n)");
        }
        return new UnloadCommand(query, bucket, prefix, credentials, manifest, verbose, encrypted, encryptedAuto, kms, region, maxFileSize, parallel,
                allowOverwrite);
    }

    /** The {@code WITH CREDENTIALS} string: {@code aws_iam_role=...} or {@code aws_access_key_id=...;aws_secret_access_key=...[;token=...]}. */
    static Credentials credentials(String text) throws SQLException {
        String role = null;
        String accessKey = null;
        String secretKey = null;
        String token = null;
        for (String part : text.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw RedshiftErrors.invalid("Invalid credentials: each part must be name=value (aws_iam_role, aws_access_key_id, aws_secret_access_key, token)");
            }
            String name = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(equals + 1).strip();
            switch (name) {
                case "aws_iam_role" -> role = value;
                case "aws_access_key_id" -> accessKey = value;
                case "aws_secret_access_key" -> secretKey = value;
                case "token" -> token = value;
                default -> throw RedshiftErrors.invalid("Invalid credentials: unknown part '" + name + "'");
            }
        }
        if (role != null && accessKey == null && secretKey == null && token == null) {
            return new RoleCredentials(role);
        }
        if (role == null && accessKey != null && secretKey != null) {
            return new KeyCredentials(accessKey, secretKey, Optional.ofNullable(token));
        }
        throw RedshiftErrors.invalid("Invalid credentials: give aws_iam_role alone, or aws_access_key_id with aws_secret_access_key");
    }
}
