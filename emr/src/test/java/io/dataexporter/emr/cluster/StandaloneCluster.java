package io.dataexporter.emr.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster of one Master and one Worker from the Spark home the build assembled (EMR's Spark, Hadoop and
 * Iceberg in {@code jars/}), and {@code spark-submit} as EMR's {@code command-runner.jar} runs it: with a spark-defaults.conf
 * and the step's own arguments. Drivers submitted with {@code --deploy-mode cluster} run under the Worker, as on EMR they
 * run in a YARN container, and executors in JVMs of their own.
 */
public final class StandaloneCluster implements AutoCloseable {

    /** The driver's end as the Master reports it, with what it printed. */
    public record DriverRun(String id, String state, String stdout, String stderr) {
    }

    /** The JVM flags Spark 3.5 needs on Java 17. */
    public static final List<String> JVM_FLAGS = SparkJvm.FLAGS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DRIVER_ID = Pattern.compile("(driver-\\d{14}-\\d{4})");

    private final Path sparkHome;
    private final Path run;
    private final Map<String, String> environment;
    private final int masterPort = freePort();
    private final int masterUiPort = freePort();
    private final List<Process> processes = new ArrayList<>();

    /**
     * @param environment what every node process has in its environment: on EMR, the instance's credentials come from
     *                    its metadata service; here AWS_* variables stand for them
     */
    public StandaloneCluster(Path sparkHome, Path run, Map<String, String> environment) throws IOException {
        this.sparkHome = sparkHome;
        this.run = run;
        this.environment = environment;
        Files.createDirectories(run.resolve("conf"));
        processes.add(start("master.log", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
                "--webui-port", String.valueOf(masterUiPort))));
        // Slots, not memory taken: the configuration's driver (2 cores, 4g) and one executor (4 cores, 10g) fit, as on a node.
        processes.add(start("worker.log", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "6", "--memory", "15G",
                "--webui-port", String.valueOf(freePort()), "--work-dir", run.resolve("work").toString(), master())));
        awaitWorker();
    }

    public String master() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Writes the node's spark-defaults.conf, which spark-submit reads from {@code SPARK_CONF_DIR}. */
    public void sparkDefaults(EmrSparkDefaults defaults) throws IOException {
        Files.writeString(run.resolve("conf/spark-defaults.conf"), defaults.fileText());
    }

    /** {@code spark-submit ARGS} (a step's arguments after {@code spark-submit}); waits for the driver to end. */
    public DriverRun submit(String name, List<String> arguments, Duration timeout) throws Exception {
        List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit"));
        command.addAll(arguments);
        Process submit = start("submit-" + name + ".log", command);
        if (!submit.waitFor(3, TimeUnit.MINUTES)) {
            submit.destroyForcibly();
            throw new IllegalStateException("spark-submit of " + name + " did not return: " + Files.readString(run.resolve("submit-" + name + ".log")));
        }
        String output = Files.readString(run.resolve("submit-" + name + ".log"));
        Matcher id = DRIVER_ID.matcher(output);
        if (submit.exitValue() != 0 || !id.find()) {
            throw new IllegalStateException("spark-submit of " + name + " exited " + submit.exitValue() + " without a driver: " + output);
        }
        return awaitDriver(id.group(1), timeout);
    }

    private DriverRun awaitDriver(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> state = completedState(id);
            if (state.isPresent()) {
                Path folder = run.resolve("work").resolve(id);
                return new DriverRun(id, state.get(), read(folder.resolve("stdout")), read(folder.resolve("stderr")));
            }
            Thread.sleep(1000);
        }
        Path folder = run.resolve("work").resolve(id);
        throw new IllegalStateException("Driver " + id + " did not end within " + timeout + "; stdout: " + read(folder.resolve("stdout"))
                + "\nstderr: " + read(folder.resolve("stderr")));
    }

    private Optional<String> completedState(String id) throws Exception {
        for (JsonNode driver : masterState().path("completeddrivers")) {
            if (id.equals(driver.path("id").asText())) {
                return Optional.of(driver.path("state").asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode masterState() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private void awaitWorker() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (masterState().path("aliveworkers").asInt() > 0) {
                    return;
                }
            } catch (Exception e) {
                // the Master is still starting
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("No Worker registered with the Master within 90 s: " + read(run.resolve("worker.log")));
    }

    private Process start(String log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(SparkJvm.FLAGS);
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(run.toFile()).redirectErrorStream(true).redirectOutput(run.resolve(log).toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_CONF_DIR", run.resolve("conf").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
