package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One EMR release, named once (the parent pom's {@code emr.release}, beside the Spark, Hadoop and Iceberg versions it is
 * built on): the cluster script takes its release label from there, README's deployment names that release and those
 * versions, and nothing names another release.
 */
class ReleaseVersionsTest {

    private static final Pattern RELEASE_LABEL = Pattern.compile("emr-\\d+\\.\\d+\\.\\d+");

    static String release() throws IOException {
        return property("emr.release");
    }

    static String property(String name) throws IOException {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(Files.readString(Path.of("../pom.xml")));
        assertThat(matcher.find()).as("the parent pom defines " + name).isTrue();
        return matcher.group(1);
    }

    @Test
    void parentPom_namesAnEmr7Release_andTheVersionsTheJobsCompileAgainst() throws IOException {
        assertThat(release()).matches("emr-7\\.\\d+\\.\\d+");
        assertThat(property("spark.version")).startsWith("3.5.");
        assertThat(property("scala.binary.version")).isEqualTo("2.12");
        assertThat(property("hadoop.version")).startsWith("3.4.");
        assertThat(property("iceberg.version")).matches("1\\.\\d+\\.\\d+");
    }

    @Test
    void clusterScript_takesItsReleaseLabelFromTheParentPom_andNamesNoReleaseOfItsOwn() throws Exception {
        String script = Files.readString(Path.of("cluster/create-cluster.sh"));
        assertThat(RELEASE_LABEL.matcher(script).find()).as("a release label written into the script").isFalse();
        assertThat(script).contains("--release-label \"${RELEASE_LABEL}\"");
        Process print = new ProcessBuilder("bash", "emr/cluster/create-cluster.sh", "--print-release-label").directory(Path.of("..").toFile())
                .redirectErrorStream(true).start();
        String printed = new String(print.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(print.waitFor()).as(printed).isZero();
        assertThat(printed).isEqualTo(release());
    }

    @Test
    void readme_namesTheRelease_itsVersions_andNoOtherRelease() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher labels = RELEASE_LABEL.matcher(readme);
        List<String> named = labels.results().map(java.util.regex.MatchResult::group).distinct().toList();
        assertThat(named).containsExactly(release());
        String deploy = readme.substring(readme.indexOf("### Deploy on AWS"), readme.indexOf("## The on-demand range export and the API"));
        assertThat(deploy).contains(release(), "Spark " + property("spark.version"), "Hadoop " + property("hadoop.version"),
                "Iceberg " + property("iceberg.version"));
    }
}
