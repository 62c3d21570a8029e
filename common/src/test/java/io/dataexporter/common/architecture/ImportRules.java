package io.dataexporter.common.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds imports that a module's main code must not have: the source-level half of the architecture tests. */
public final class ImportRules {

    private ImportRules() {
    }

    /** Every {@code file: import} line under {@code sourceRoot} whose imported name starts with one of {@code forbiddenPrefixes}. */
    public static List<String> forbiddenImports(Path sourceRoot, List<String> forbiddenPrefixes) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .flatMap(file -> forbiddenImportsIn(sourceRoot, file, forbiddenPrefixes))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> forbiddenImportsIn(Path sourceRoot, Path file, List<String> forbiddenPrefixes) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> {
                        String imported = line.replaceFirst("^import\\s+(static\\s+)?", "");
                        return forbiddenPrefixes.stream().anyMatch(imported::startsWith);
                    })
                    .map(line -> sourceRoot.relativize(file) + ": " + line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
