package io.dataexporter.common.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds what a module's compiled classes must not reach: every reference in the bytecode (types of fields, parameters
 * and locals, calls, constants of class type, annotations), so a fully qualified name in code counts as an import does.
 * ArchUnit reads the classes; the architecture tests of each module state the rules.
 */
public final class ClassReferences {

    private ClassReferences() {
    }

    /** Each {@code origin -> target} where a class under {@code classesDirectory} references a class whose name starts with a forbidden prefix. */
    public static List<String> forbidden(Path classesDirectory, List<String> forbiddenPrefixes) {
        if (!Files.isDirectory(classesDirectory)) {
            throw new IllegalArgumentException("No compiled classes at " + classesDirectory.toAbsolutePath() + "; compile the module first");
        }
        JavaClasses classes = new ClassFileImporter().importPath(classesDirectory);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("No classes under " + classesDirectory.toAbsolutePath());
        }
        TreeSet<String> found = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getName();
                if (forbiddenPrefixes.stream().anyMatch(target::startsWith)) {
                    found.add(javaClass.getName() + " -> " + target);
                }
            }
        }
        return List.copyOf(found);
    }
}
