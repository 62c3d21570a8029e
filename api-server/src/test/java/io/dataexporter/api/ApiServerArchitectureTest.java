package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.common.architecture.ClassReferences;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API server never depends on Spark, directly or through a dependency, nor on the Spark jobs, the operator CLI or the local stack. */
class ApiServerArchitectureTest {

    @Test
    void classpath_hasNoSparkAtAll() {
        assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.SparkSession")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.spark.SparkContext")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.dataexporter.cli.DataExporterCli")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void mainClasses_referenceNoSparkNorJobsNorTheLocalStack() {
        assertThat(ClassReferences.forbidden(Path.of("target/classes"), List.of("org.apache.spark.", "scala.", "io.dataexporter.jobs.",
                "io.dataexporter.classification.", "io.dataexporter.cli.", "io.dataexporter.localstack.", "io.zonky.", "org.gaul."))).isEmpty();
    }
}
