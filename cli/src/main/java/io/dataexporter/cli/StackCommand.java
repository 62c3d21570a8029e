package io.dataexporter.cli;

import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.StackSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {
            "Runs the embedded PostgreSQL (warehouse, control tables, Iceberg catalog) and the S3 server in the foreground until interrupted.",
            "Writes their connection details to D/stack.properties, where every other subcommand finds them. Data survives a restart."})
final class StackCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Option(names = "--postgres-port", paramLabel = "PORT", defaultValue = "15432", description = "PostgreSQL port (default: ${DEFAULT-VALUE}).")
    int postgresPort;

    @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "19000", description = "S3 server port (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--bucket", defaultValue = "data-exporter", description = "Bucket created at start (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--fresh", description = "Wipe the stack's data before starting.")
    boolean fresh;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        StackSettings settings = new StackSettings(stackDirectory.directory, postgresPort, s3Port, bucket);
        PrintWriter out = spec.commandLine().getOut();
        try (LocalStack stack = LocalStack.start(settings, fresh)) {
            StackSummary.print(out, settings, stack.endpoints());
            out.println("Stack is running. Press Ctrl-C to stop it.");
            out.flush();
            awaitInterrupt(stack);
        }
        return 0;
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), closing the stack cleanly on the way out. */
    static void awaitInterrupt(LocalStack stack) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stack-stop"));
        stopped.await();
    }
}
