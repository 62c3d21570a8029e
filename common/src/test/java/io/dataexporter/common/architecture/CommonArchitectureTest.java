package io.dataexporter.common.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared module depends on nothing of the product, on no Spark and on nothing of the local stack: production runs it. */
class CommonArchitectureTest {

    @Test
    void mainClasses_referenceNeitherSparkNorOtherModulesNorTheLocalStack() {
        assertThat(ClassReferences.forbidden(Path.of("target/classes"), List.of("org.apache.spark.", "scala.", "io.dataexporter.jobs.",
                "io.dataexporter.api.", "io.dataexporter.classification.", "io.dataexporter.localstack.", "io.zonky.", "org.gaul.")))
                .isEmpty();
    }

    @Test
    void classpath_hasNeitherSparkNorTheLocalStacksServers() {
        assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.SparkSession")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.gaul.s3proxy.S3Proxy")).isInstanceOf(ClassNotFoundException.class);
    }
}
