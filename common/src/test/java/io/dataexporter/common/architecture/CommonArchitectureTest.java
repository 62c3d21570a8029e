package io.dataexporter.common.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared module depends on nothing of the product and on no Spark: jobs and api-server both build on it. */
class CommonArchitectureTest {

    @Test
    void mainCode_importsNeitherSparkNorOtherModules() {
        assertThat(ImportRules.forbiddenImports(Path.of("src/main/java"),
                List.of("org.apache.spark.", "scala.", "io.dataexporter.jobs.", "io.dataexporter.api.", "io.dataexporter.classification.")))
                .isEmpty();
    }

    @Test
    void classpath_hasNoSpark() {
        assertThatThrownBy(() -> Class.forName("org.apache.spark.sql.SparkSession")).isInstanceOf(ClassNotFoundException.class);
    }
}
