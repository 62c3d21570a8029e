package io.dataexporter.common.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassReferencesTest {

    private static final Path FIXTURES = Path.of("target/test-classes/io/dataexporter/common/architecture/fixture");

    @Test
    void forbidden_whenCodeUsesAFullyQualifiedNameWithoutImport_findsIt() {
        assertThat(ClassReferences.forbidden(FIXTURES, List.of("java.sql.", "java.nio.file.")))
                .containsExactly("io.dataexporter.common.architecture.fixture.QualifiedNames -> java.nio.file.Files",
                        "io.dataexporter.common.architecture.fixture.QualifiedNames -> java.nio.file.Path",
                        "io.dataexporter.common.architecture.fixture.QualifiedNames -> java.sql.DriverManager");
    }

    @Test
    void forbidden_whenNoneMatch_isEmpty() {
        assertThat(ClassReferences.forbidden(FIXTURES, List.of("org.apache.spark."))).isEmpty();
    }

    @Test
    void forbidden_whenTheFolderIsMissing_saysToCompile() {
        assertThatThrownBy(() -> ClassReferences.forbidden(Path.of("target/no-such-classes"), List.of("java.sql.")))
                .hasMessageEndingWith("target/no-such-classes; compile the module first");
    }
}
