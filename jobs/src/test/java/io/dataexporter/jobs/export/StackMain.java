package io.dataexporter.jobs.export;

import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.StackSettings;
import java.nio.file.Path;

/** A local stack in a JVM of its own (arguments: its folder and its bucket), until the JVM is stopped: so that a test can freeze its S3 server, or its PostgreSQL alone. */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackSettings free = StackSettings.onFreePorts(Path.of(args[0]));
        LocalStack stack = LocalStack.start(new StackSettings(free.directory(), free.postgresPort(), free.s3Port(), args[1]), true);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-stop"));
        Thread.currentThread().join();
    }
}
