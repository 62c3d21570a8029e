package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the two deployed jars hold: the EMR jar only what EMR lacks, the API jar nothing of the local stack. Each test
 * prints the jar's size and entry count, so the build log shows them.
 */
class DeployedJarsTest {

    static final Path EMR_JAR = Path.of("../jobs/target/data-exporter-jobs-0.1.0-SNAPSHOT-emr.jar");
    static final Path API_JAR = Path.of("../api-server/target/data-exporter-api-server-0.1.0-SNAPSHOT-runnable.jar");
    // the local stack's tree (its servers, their transitive clouds and native libraries) and the emulated Redshift
    static final List<String> LOCAL_STACK = List.of("org/jclouds/", "org/gaul/", "io/zonky/", "org/apache/sshd/", "com/google/cloud/",
            "org/openstack4j/", "com/sun/jna/", "io/dataexporter/localstack/", "io/dataexporter/redshiftemulator/");
    // what EMR ships, each on its classpath already: a second copy would meet the first
    static final List<String> EMR_PROVIDES = List.of("org/eclipse/jetty/", "org/apache/spark/", "org/apache/hadoop/", "scala/",
            "org/apache/iceberg/", "com/fasterxml/jackson/", "org/slf4j/", "io/netty/", "com/amazonaws/", "software/amazon/awssdk/",
            "io/github/spark_redshift_community/", "com/amazon/redshift/", "org/apache/hc/", "org/apache/http/", "org/apache/parquet/",
            "org/apache/avro/", "com/google/common/", "org/flywaydb/");

    @Test
    void emrJar_holdsNeitherTheLocalStackNorWhatEmrShips_andStaysUnder40Mb() throws IOException {
        List<String> entries = entries(EMR_JAR);

        assertThat(offending(entries, LOCAL_STACK)).isEmpty();
        assertThat(offending(entries, EMR_PROVIDES)).isEmpty();
        assertThat(Files.size(EMR_JAR)).isLessThan(40L * 1024 * 1024);
        // the AWS SDK clients the jobs call themselves travel relocated, with their HTTP client's service file
        assertThat(entries).contains("io/dataexporter/shaded/awssdk/services/sns/SnsClient.class",
                "io/dataexporter/shaded/awssdk/services/secretsmanager/SecretsManagerClient.class",
                "io/dataexporter/shaded/awssdk/services/dynamodb/DynamoDbClient.class",
                "META-INF/services/io.dataexporter.shaded.awssdk.http.SdkHttpService",
                "io/dataexporter/jobs/export/ScheduledExport.class", "io/dataexporter/jobs/range/RangeExport.class",
                "org/postgresql/Driver.class", "picocli/CommandLine.class", "com/google/i18n/phonenumbers/PhoneNumberUtil.class");
    }

    @Test
    void apiJar_holdsNothingOfTheLocalStackNorSpark() throws IOException {
        List<String> entries = entries(API_JAR);

        assertThat(offending(entries, LOCAL_STACK)).isEmpty();
        assertThat(offending(entries, List.of("org/apache/spark/", "scala/", "io/dataexporter/jobs/", "io/dataexporter/classification/"))).isEmpty();
        assertThat(entries).contains("io/dataexporter/api/ApiMain.class", "org/eclipse/jetty/server/Server.class",
                "org/flywaydb/core/Flyway.class", "io/dataexporter/common/control/migrations/V1__control_tables.sql",
                // what the default credentials chain loads for a web identity token (IRSA), by name
                "software/amazon/awssdk/services/sts/internal/StsWebIdentityCredentialsProviderFactory.class");
    }

    @Test
    void offending_namesEachForbiddenTopFolderOnce() {
        assertThat(offending(List.of("org/gaul/s3proxy/S3Proxy.class", "org/gaul/shaded/X.class", "io/dataexporter/jobs/A.class", "scala/Some.class"),
                List.of("org/gaul/", "scala/"))).containsExactly("org/gaul/ (2 entries)", "scala/ (1 entries)");
    }

    static List<String> entries(Path jar) throws IOException {
        assertThat(jar).as("built by 'mvn package' before this module's tests").exists();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            System.out.printf("%s: %,d bytes, %,d entries%n", jar.getFileName(), Files.size(jar), names.size());
            return names;
        }
    }

    static List<String> offending(List<String> entries, List<String> forbiddenPrefixes) {
        TreeSet<String> found = new TreeSet<>();
        for (String prefix : forbiddenPrefixes) {
            long count = entries.stream().filter(entry -> entry.startsWith(prefix)).count();
            if (count > 0) {
                found.add(prefix + " (" + count + " entries)");
            }
        }
        return List.copyOf(found);
    }
}
