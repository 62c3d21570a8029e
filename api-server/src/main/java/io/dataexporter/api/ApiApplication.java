package io.dataexporter.api;

import io.dataexporter.api.audit.AuditTrail;
import io.dataexporter.api.audit.LogAuditTrail;
import io.dataexporter.api.graphql.GraphQlApi;
import io.dataexporter.api.http.ApiServer;
import io.dataexporter.api.http.ProbeServer;
import io.dataexporter.api.http.BearerAuth;
import io.dataexporter.api.launch.EmrServerlessLauncher;
import io.dataexporter.api.launch.EmrStepLauncher;
import io.dataexporter.api.launch.LaunchLoop;
import io.dataexporter.api.launch.Launcher;
import io.dataexporter.api.links.DownloadLinks;
import io.dataexporter.api.links.SigV4UrlSigner;
import io.dataexporter.api.links.UrlSigner;
import io.dataexporter.api.requests.RequestService;
import io.dataexporter.common.range.JdbcRequestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The API server assembled from its configuration: store, launcher, signer, GraphQL, HTTP, and the dispatcher that watches leases. */
public final class ApiApplication implements AutoCloseable {

    private final ApiServer server;
    private final ProbeServer probeServer;
    private final RequestService requests;
    private final Metrics metrics = new Metrics();
    private final S3Client s3;
    private final ProbeSnapshot probes;
    private final com.zaxxer.hikari.HikariDataSource controlDatabase;
    private final Optional<LaunchLoop> launching;

    /** @param localLauncher the launcher for {@code api.launcher=local}, which only the caller knows how to build (it names the job's classpath) */
    public ApiApplication(ApiConfig config, String host, Launcher localLauncher, Clock clock) {
        this(config, host, localLauncher, clock, new LogAuditTrail(clock), Optional.empty());
    }

    /**
     * @param audit         where the audit entry of every mutation goes
     * @param graphiqlToken the token GraphiQL opens with: the local stack's development token, and nothing in production
     */
    public ApiApplication(ApiConfig config, String host, Launcher localLauncher, Clock clock, AuditTrail audit, Optional<String> graphiqlToken) {
        AwsCredentialsProvider credentials = config.s3().accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.s3().accessKey().get(), config.s3().secretKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        var s3Builder = S3Client.builder().region(Region.of(config.s3().region())).credentialsProvider(credentials)
                .httpClientBuilder(httpClient()).overrideConfiguration(c -> idempotentReads(c, config.awsCallTimeout()));
        config.s3().endpoint().ifPresent(endpoint -> s3Builder.endpointOverride(endpoint).forcePathStyle(true));
        s3 = s3Builder.build();
        controlDatabase = ControlDatabase.pool(config.control());
        JdbcRequestStore store = new JdbcRequestStore(controlDatabase::getConnection);
        // Links are signed at the real time, whatever clock the service keeps: S3 checks the signing time. A link lives only as
        // long as the credentials that signed it, so with a signing key (a dedicated identity that can only read the range
        // exports) links last their full TTL; with the server's own temporary credentials they end when those do.
        AwsCredentialsProvider signing = config.links().signingKey()
                .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .orElse(credentials);
        UrlSigner signer = new SigV4UrlSigner(signing, config.s3().region(), config.s3().bucket(), config.s3().endpoint(), Clock.systemUTC());
        DownloadLinks links = new DownloadLinks(s3, signer, config.s3().bucket(), config.env(), config.links().ttl(), clock);
        RequestService.Bounds bounds = bounds(config);
        // api.launcher=none: another process (the launcher, see LauncherApplication) launches, and this one holds no EMR client
        launching = config.launcher().match(local -> Optional.of(localLauncher), emrStep -> Optional.of(launcher(config)),
                        emrServerless -> Optional.of(launcher(config)), none -> Optional.<Launcher>empty())
                .map(launcher -> new LaunchLoop(store, launcher, bounds, metrics));
        requests = new RequestService(store, links, clock, bounds, metrics, audit, UUID::randomUUID,
                launching.<Runnable>map(loop -> loop::dispatch).orElse(() -> { }));
        probes = new ProbeSnapshot(store::answers, store::running, store::queuedCount);
        metrics.gauge("data_exporter_api_exports_running", probes::running);
        metrics.gauge("data_exporter_api_exports_queued", probes::queued);
        ApiConfig.HttpSettings http = config.http();
        server = new ApiServer(host, http.port(), new GraphQlApi(requests, metrics, config.graphql().maxQueryDepth(), config.graphql().maxQueryFields()),
                new BearerAuth(config.clientsByTokenHash()), metrics, probes::ready, new ApiServer.Limits(http.threads(),
                http.maxConnections(), http.idleTimeout().toMillis(), http.maxRequestBytes(), http.maxResponseBytes()),
                config.graphql().graphiqlEnabled() ? Optional.of(graphiqlToken) : Optional.empty(), audit);
        probeServer = new ProbeServer(host, http.probePort(), metrics, probes::ready);
        launching.ifPresent(LaunchLoop::start);
    }

    static RequestService.Bounds bounds(ApiConfig config) {
        ApiConfig.QueueSettings queue = config.queue();
        return new RequestService.Bounds(queue.maxConcurrentExports(), queue.queueCapacity(), queue.maxInFlightPerClient(), queue.lease(),
                queue.startDeadline(), launchGrace(config.awsCallTimeout()));
    }

    /** Longer than any launch: a few AWS calls (ListSteps pages and AddJobFlowSteps), each bounded by the call timeout. */
    static Duration launchGrace(Duration awsCallTimeout) {
        Duration grace = awsCallTimeout.multipliedBy(6);
        return grace.compareTo(Duration.ofSeconds(60)) < 0 ? Duration.ofSeconds(60) : grace;
    }

    // The API's S3 calls only list and read (the manifest, the part files' sizes): idempotent, so the SDK's standard retry
    // strategy (3 tries with jittered backoff, throttling and 5xx) mends a passing failure, each try and all of them bounded.
    private static void idempotentReads(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder config, Duration timeout) {
        Duration attempt = timeout.dividedBy(3).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout.dividedBy(3);
        config.apiCallTimeout(timeout).apiCallAttemptTimeout(attempt)
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy());
    }

    // EMR calls are bounded in time, and never retried by the SDK: AddJobFlowSteps and StartJobRun are not idempotent
    // (the launch loop knows whether a retry is safe: it looks for its own step first).
    private static void awsTimeouts(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder config, Duration timeout) {
        config.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)
                .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry());
    }

    static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(15));
    }

    /** The AWS launcher the configuration names; {@code local} and {@code none} launch nothing on AWS and are refused with the setting to change. */
    static Launcher launcher(ApiConfig config) {
        String region = config.s3().region();
        return config.launcher().match(local -> refuse(local), emrStep -> {
            var emr = EmrClient.builder().region(Region.of(region)).httpClientBuilder(httpClient())
                    .overrideConfiguration(c -> awsTimeouts(c, config.awsCallTimeout()));
            emrStep.endpoint().ifPresent(emr::endpointOverride);
            return new EmrStepLauncher(emr.build(), emrStep.clusterId(), emrStep.jar(), config.env(), Optional.of(emrStep.executionRoleArn()));
        }, serverless -> {
            var client = EmrServerlessClient.builder().region(Region.of(region)).httpClientBuilder(httpClient())
                    .overrideConfiguration(c -> awsTimeouts(c, config.awsCallTimeout()));
            serverless.endpoint().ifPresent(client::endpointOverride);
            return new EmrServerlessLauncher(client.build(), serverless.applicationId(), serverless.roleArn(), serverless.jar(), config.env());
        }, none -> refuse(none));
    }

    private static Launcher refuse(LauncherSettings settings) {
        throw new IllegalArgumentException("Setting 'api.launcher' is '" + settings.spelling() + "', which launches nothing on AWS;"
                + " set DATA_EXPORTER_API_LAUNCHER to emr-step or emr-serverless for the launcher process");
    }

    public int port() {
        return server.port();
    }

    /** The port of {@code /healthz}, {@code /readyz} and {@code /metrics} on their own threads. */
    public int probePort() {
        return probeServer.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    public RequestService requests() {
        return requests;
    }

    @Override
    public void close() {
        launching.ifPresent(LaunchLoop::close);
        probes.close();
        server.close();
        probeServer.close();
        s3.close();
        controlDatabase.close();
    }
}
