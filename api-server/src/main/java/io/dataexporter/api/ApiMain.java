package io.dataexporter.api;

import io.dataexporter.api.audit.LogAuditTrail;
import io.dataexporter.api.launch.Launcher;
import io.dataexporter.common.control.ControlMigrations;
import io.dataexporter.common.range.RangeRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The API server's runnable jar and container image, configured by environment variables alone
 * ({@code DATA_EXPORTER_*}, see README): {@code serve} (the default) runs the server; {@code launch} runs the launcher
 * process, which launches the requests the server queued (see {@link LauncherApplication}); {@code submit-scheduled} submits the
 * daily export (what the schedule runs); {@code migrate} brings the control database's schema {@code de_internal} up to
 * date (see {@link ControlMigrations}). It launches on EMR or EMR Serverless; the local launcher needs the jobs, which
 * this jar does not hold.
 */
public final class ApiMain {

    /** The address to listen on (default {@code 0.0.0.0}, every interface of the container). */
    public static final String HOST_VARIABLE = "DATA_EXPORTER_API_HOST";

    private ApiMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "serve" : arguments.get(0);
        Map<String, String> environment = System.getenv();
        try {
            if ("migrate".equals(command)) {
                // needs the control database alone, not the server's settings
                ApiConfig.ControlDatabaseSettings control = ApiConfig.controlDatabase(ApiConfig.merge(environment, List.of()));
                ControlMigrations.Outcome outcome = ControlMigrations.migrate(control.url(), control.user(), control.password());
                System.out.println("Control database migrated: " + outcome.applied() + " migration(s) applied, schema de_internal at version "
                        + outcome.version());
                return;
            }
            ApiConfig config = ApiConfig.from(ApiConfig.merge(environment, List.of()));
            if ("launch".equals(command)) {
                launch(config, environment.getOrDefault(HOST_VARIABLE, "0.0.0.0"));
                return;
            }
            if (config.launcher().kind() == LauncherSettings.Kind.LOCAL) {
                throw new IllegalArgumentException("Setting 'api.launcher' is 'local', which needs the Spark jobs on this machine; this jar launches on"
                        + " AWS: set DATA_EXPORTER_API_LAUNCHER to emr-step or emr-serverless");
            }
            switch (command) {
                case "serve" -> serve(config, environment.getOrDefault(HOST_VARIABLE, "0.0.0.0"));
                case "submit-scheduled" -> System.exit(ScheduledSubmission.run(arguments.subList(1, arguments.size()),
                        ApiApplication.launcher(config), System.out, Duration.ofSeconds(30), Duration.ofHours(6), Clock.systemUTC()));
                default -> {
                    System.err.println("data-exporter-api: unknown command '" + command + "'; use serve, launch, submit-scheduled or migrate");
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("data-exporter-api: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void launch(ApiConfig config, String host) throws InterruptedException {
        LauncherApplication app = LauncherApplication.fromConfig(config, host);
        System.out.println("Data Exporter launcher: probes on http://" + host + ":" + app.probePort() + "/readyz (" + config + ")");
        awaitStop(app);
    }

    private static void serve(ApiConfig config, String host) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        ApiApplication app = new ApiApplication(config, host, NO_LOCAL_LAUNCHER, clock, new LogAuditTrail(clock), Optional.empty());
        System.out.println("Data Exporter API on http://" + host + ":" + app.port() + "/graphql (" + config + ")");
        awaitStop(app);
    }

    private static void awaitStop(AutoCloseable app) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("data-exporter-api: stopping: " + e.getMessage());
            }
            stop.countDown();
        }, "api-stop"));
        stop.await();
    }

    private static final Launcher NO_LOCAL_LAUNCHER = new Launcher() {
        @Override
        public String launch(RangeRequest request) {
            throw new UnsupportedOperationException("no local launcher in the API image");
        }

        @Override
        public void cancel(String launcherRef) {
        }

        @Override
        public State state(String launcherRef) {
            return State.UNKNOWN;
        }

        @Override
        public String launchScheduled(java.time.LocalDate date) {
            throw new UnsupportedOperationException("no local launcher in the API image");
        }

        @Override
        public String describeScheduled(java.time.LocalDate date) {
            throw new UnsupportedOperationException("no local launcher in the API image");
        }
    };
}
