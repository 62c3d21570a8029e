package io.dataexporter.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one local stack of a test JVM: started on free ports at first use, stopped when the JVM exits. */
public final class TestStack {

    private static LocalStack stack;

    private TestStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path target = Files.createDirectories(Path.of("target"));
                stack = LocalStack.start(StackSettings.onFreePorts(Files.createTempDirectory(target, "test-stack-")), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "test-stack-stop"));
        }
        return stack;
    }
}
