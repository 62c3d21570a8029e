package io.dataexporter.cli;

import io.dataexporter.api.ApiApplication;
import io.dataexporter.api.ApiConfig;
import io.dataexporter.api.audit.LogAuditTrail;
import io.dataexporter.api.launch.LocalProcessLauncher;
import io.dataexporter.common.config.PropertiesFile;
import io.dataexporter.common.config.StackProperties;
import io.dataexporter.jobs.range.RangeExport;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the GraphQL API server (requestData, requestStatus) until Ctrl-C. Settings: the environment (DATA_EXPORTER_API_PORT, ...),",
            "--config, then the local stack's stack.properties (including its development token api.token). The local launcher runs RangeExport",
            "as a separate process of this installation."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Option(names = "--port", paramLabel = "P", description = "Port (default: setting api.port, else 8080).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README: API server).")
    Path configFile;

    @Option(names = "--warehouse", paramLabel = "W", description = "The range exports' --warehouse: jdbc, redshift or redshift-emulated (default: setting warehouse.kind).")
    String warehouse;

    @Override
    public Integer call() throws Exception {
        try (ApiApplication app = start(stackDirectory.directory, configFile, port, host, warehouse)) {
            System.out.println("API server on http://" + host + ":" + app.port() + "/graphql  (GraphiQL: http://" + host + ":" + app.port() + "/graphiql)");
            System.out.println("Probes and metrics on http://" + host + ":" + app.probePort() + "/healthz, /readyz, /metrics");
            System.out.println("Press Ctrl-C to stop it.");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "serve-stop"));
            stop.await();
        }
        return 0;
    }

    static ApiApplication start(Path stackDirectory, Path configFile, Integer port, String host) {
        return start(stackDirectory, configFile, port, host, (String) null);
    }

    static ApiApplication start(Path stackDirectory, Path configFile, Integer port, String host, String warehouse) {
        return start(stackDirectory, configFile, port, host, warehouse, new LogAuditTrail(Clock.systemUTC()));
    }

    static ApiApplication start(Path stackDirectory, Path configFile, Integer port, String host, String warehouse,
                                io.dataexporter.api.audit.AuditTrail audit) {
        List<Map<String, String>> layers = new ArrayList<>();
        if (configFile != null) {
            layers.add(PropertiesFile.read(configFile, "--config"));
        }
        Path stackFile = stackDirectory.resolve(StackProperties.FILE_NAME);
        Optional<String> developmentToken = Optional.empty();
        if (Files.isRegularFile(stackFile)) {
            Map<String, String> stack = StackProperties.values(stackFile);
            layers.add(stack);
            developmentToken = Optional.ofNullable(stack.get("api.token"));
        }
        Map<String, String> values = new HashMap<>(ApiConfig.merge(System.getenv(), layers));
        if (port != null) {
            values.put("api.port", String.valueOf(port));
        }
        // on a workstation the probes take any free port unless one is configured (their 8081 is for the pod)
        if (layers.stream().noneMatch(layer -> layer.containsKey("api.probe-port")) && System.getenv(ApiConfig.envName("api.probe-port")) == null) {
            values.put("api.probe-port", "0");
        }
        ApiConfig config = ApiConfig.from(values);
        // GraphiQL opens with the development token only on the local stack, and only while that token is the one in force.
        String inForce = values.get("api.token");
        Optional<String> graphiqlToken = developmentToken.filter(token -> token.equals(inForce) && config.launcher().kind() == io.dataexporter.api.LauncherSettings.Kind.LOCAL);
        return new ApiApplication(config, host, new LocalProcessLauncher(rangeExportCommand(stackDirectory, config.env(), warehouse),
                stackDirectory.resolve("range-logs")), Clock.systemUTC(), audit, graphiqlToken);
    }

    // This JVM's java, flags and classpath, running RangeExport against the same stack directory.
    private static List<String> rangeExportCommand(Path stackDirectory, String env, String warehouse) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-XX:") || arg.startsWith("-Dlog4j") || arg.startsWith("-Djdk.")
                        || arg.startsWith("-Djava.io.tmpdir") || arg.startsWith("-Dspark."))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RangeExport.class.getName(),
                "--dir", stackDirectory.toAbsolutePath().toString(), "--env", env));
        if (warehouse != null) {
            command.addAll(List.of("--warehouse", warehouse));
        }
        return command;
    }
}
