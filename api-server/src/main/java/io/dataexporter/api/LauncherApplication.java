package io.dataexporter.api;

import io.dataexporter.api.http.ProbeServer;
import io.dataexporter.api.launch.LaunchLoop;
import io.dataexporter.api.launch.Launcher;
import io.dataexporter.common.range.JdbcRequestStore;

/**
 * The launcher process ({@code launch}): the same image as the API server, without its HTTP API. It takes the requests
 * the API queued in the control database and adds their fixed-template EMR steps (or EMR Serverless job runs), so the
 * EMR permissions live here, in a pod that accepts no traffic but its probes, and not in the internet-facing one.
 * {@code /healthz}, {@code /readyz} and {@code /metrics} answer on {@code api.probe-port}.
 */
public final class LauncherApplication implements AutoCloseable {

    private final Metrics metrics = new Metrics();
    private final com.zaxxer.hikari.HikariDataSource controlDatabase;
    private final ProbeSnapshot probes;
    private final LaunchLoop loop;
    private final ProbeServer probeServer;

    /** @param launcher the launcher, as {@link ApiApplication#launcher} builds it from the configuration */
    public LauncherApplication(ApiConfig config, String host, Launcher launcher) {
        controlDatabase = ControlDatabase.pool(config.control());
        JdbcRequestStore store = new JdbcRequestStore(controlDatabase::getConnection);
        probes = new ProbeSnapshot(store::answers, store::running, store::queuedCount);
        metrics.gauge("data_exporter_api_exports_running", probes::running);
        metrics.gauge("data_exporter_api_exports_queued", probes::queued);
        loop = new LaunchLoop(store, launcher, ApiApplication.bounds(config), metrics).start();
        probeServer = new ProbeServer(host, config.http().probePort(), metrics, probes::ready);
    }

    /** Builds the launcher the configuration names (emr-step or emr-serverless) and starts the process. */
    public static LauncherApplication fromConfig(ApiConfig config, String host) {
        return new LauncherApplication(config, host, ApiApplication.launcher(config));
    }

    public int probePort() {
        return probeServer.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        loop.close();
        probes.close();
        probeServer.close();
        controlDatabase.close();
    }
}
