package io.dataexporter.common.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRulesTest {

    @TempDir
    Path sources;

    @Test
    void forbiddenImports_whenFileImportsForbiddenPackage_namesFileAndLine() throws Exception {
        Files.createDirectories(sources.resolve("a/b"));
        Files.writeString(sources.resolve("a/b/Bad.java"), "package a.b;\nimport java.util.List;\nimport java.sql.Connection;\n"
                + "import static software.amazon.awssdk.core.Foo.bar;\nclass Bad {}\n");
        Files.writeString(sources.resolve("a/Good.java"), "package a;\nimport org.apache.spark.sql.Column;\nclass Good {}\n");

        assertThat(ImportRules.forbiddenImports(sources, List.of("java.sql.", "software.amazon.")))
                .containsExactly("a/b/Bad.java: import java.sql.Connection;",
                        "a/b/Bad.java: import static software.amazon.awssdk.core.Foo.bar;");
    }

    @Test
    void forbiddenImports_whenNoneMatch_isEmpty() throws Exception {
        Files.writeString(sources.resolve("Good.java"), "import java.util.List;\n");

        assertThat(ImportRules.forbiddenImports(sources, List.of("java.sql."))).isEmpty();
    }
}
