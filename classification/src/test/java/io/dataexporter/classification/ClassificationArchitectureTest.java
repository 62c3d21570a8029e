package io.dataexporter.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.architecture.ImportRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy module holds no I/O: no JDBC, no HTTP, no AWS, no files, and nothing of the other modules. */
class ClassificationArchitectureTest {

    @Test
    void mainCode_importsNoJdbcHttpAwsOrOtherModules() {
        assertThat(ImportRules.forbiddenImports(Path.of("src/main/java"), List.of(
                "java.sql.", "javax.sql.", "java.net.", "javax.net.", "java.net.http.", "org.apache.http.", "okhttp3.",
                "software.amazon.", "com.amazonaws.", "org.postgresql.", "io.dataexporter.common.", "io.dataexporter.jobs.",
                "io.dataexporter.api."))).isEmpty();
    }
}
