package io.dataexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.config.StackProperties;
import io.dataexporter.localstack.TestStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} as a new user runs it, in a JVM of its own: then the curl sequence it prints is run by bash exactly as
 * printed (only the "repeat until Completed" is a loop), down to the downloaded Parquet file.
 */
class DemoIT {

    private static final String RUNNING = "Stack and API server are running. Press Ctrl-C to stop them.";

    @Test
    void demo_printsACurlSequenceThatWorksAsPrinted_requestStatusThenADownloadedParquetFile() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "demo-stack-").toAbsolutePath();
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), TestStack.get().endpoints());
        int port = freePort();
        Process demo = startDemo(directory, port);
        try {
            List<String> output = awaitLine(demo, RUNNING);

            assertThat(output).contains("Using the stack already running in " + directory, "Exporting 2026-10-04 (Australia/Melbourne) with the scheduled export ...",
                    "API server: http://127.0.0.1:" + port + "/graphql   GraphiQL: http://127.0.0.1:" + port
                            + "/graphiql (add the header Authorization: Bearer <token>)");
            Path work = Files.createTempDirectory(Path.of("target"), "demo-walkthrough-").toAbsolutePath();
            Process bash = new ProcessBuilder("bash", "-c", script(output)).directory(work.toFile()).redirectErrorStream(true).start();
            String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(5, TimeUnit.MINUTES)).isTrue();

            assertThat(bash.exitValue()).as(printed).isZero();
            assertThat(Files.readString(work.resolve("status.json"))).contains("\"status\":\"Completed\"").contains("\"progress\":100.0");
            byte[] parquet = Files.readAllBytes(work.resolve("first.parquet"));
            assertThat(new String(parquet, 0, 4, StandardCharsets.US_ASCII)).as(printed).isEqualTo("PAR1");
            assertThat(new String(parquet, parquet.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        } finally {
            demo.destroy();
            demo.waitFor(30, TimeUnit.SECONDS);
        }
    }

    // The printed sequence under "Try the on-demand export", as bash runs it; the status call repeats until Completed.
    static String script(List<String> output) {
        int from = output.indexOf(output.stream().filter(line -> line.startsWith("Try the on-demand export")).findFirst().orElseThrow()) + 1;
        List<String> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : output.subList(from, output.indexOf(RUNNING))) {
            current.append(line.strip()).append('\n');
            if (!line.endsWith("\\")) {
                commands.add(current.toString());
                current.setLength(0);
            }
        }
        assertThat(commands).hasSize(4);
        return "set -e\n" + commands.get(0) + commands.get(1)
                + "for attempt in $(seq 1 240); do\n" + commands.get(2)
                + "grep -q '\"status\":\"Completed\"' status.json && break\nsleep 1\ndone\n"
                + commands.get(3);
    }

    private static Process startDemo(Path directory, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-XX") || arg.startsWith("-Dspark.driver") || arg.startsWith("-Djdk")).toList());
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), DataExporterCli.class.getName(), "demo", "--dir", directory.toString(),
                "--api-port", String.valueOf(port), "--rows", "2000"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    // every line the demo printed, up to and including the awaited one
    private static List<String> awaitLine(Process process, String awaited) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed: " + e.getMessage() + ")");
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                if (line.equals(awaited)) {
                    return seen;
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("demo never printed '" + awaited + "'; it printed:\n" + String.join("\n", seen));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
