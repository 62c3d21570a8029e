package io.dataexporter.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.architecture.ClassReferences;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy module holds no I/O: no JDBC, no HTTP, no AWS, no files, and nothing of the other modules. */
class ClassificationArchitectureTest {

    @Test
    void mainClasses_referenceNoJdbcHttpAwsFilesOrOtherModules() {
        assertThat(ClassReferences.forbidden(Path.of("target/classes"), List.of(
                "java.sql.", "javax.sql.", "java.net.", "javax.net.", "org.apache.http.", "okhttp3.",
                "software.amazon.", "com.amazonaws.", "org.postgresql.", "java.nio.file.", "java.io.File", "java.io.RandomAccessFile",
                "java.nio.channels.FileChannel", "io.dataexporter.common.", "io.dataexporter.jobs.", "io.dataexporter.api.",
                "io.dataexporter.localstack."))).isEmpty();
    }
}
