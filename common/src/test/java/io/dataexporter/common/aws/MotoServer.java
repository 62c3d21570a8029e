package io.dataexporter.common.aws;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto (a third-party AWS emulator, {@code moto_server}) started once per test JVM on a free loopback port: Glue, S3,
 * STS, EMR, SNS with SQS, Secrets Manager and DynamoDB as someone else implemented them. A test that needs it and cannot
 * find it fails, naming what to install; it never passes silently.
 *
 * <p>What moto does not check, and so these tests cannot: Glue ignores {@code VersionId} (no optimistic concurrency),
 * EMR steps never change state and {@code CancelSteps} is not implemented, presigned URLs' signatures and expiry are
 * not verified, and IAM is enforced for S3 only.
 */
public final class MotoServer {

    public static final String ACCOUNT_ID = "123456789012";
    public static final String REGION = "ap-southeast-2";

    private static MotoServer instance;

    private final URI endpoint;
    private final Process process;

    private MotoServer(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /** The JVM's moto, started on first use and stopped when the JVM exits. */
    public static synchronized MotoServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.process.destroy()));
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource: each test class starts from an empty account. */
    public void reset() {
        send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static MotoServer start() {
        Path executable = onPath("moto_server");
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(List.of(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            MotoServer server = new MotoServer(URI.create("http://127.0.0.1:" + port), process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto_server stopped at start: " + Files.readString(log));
                }
                if (server.answers()) {
                    return server;
                }
                Thread.sleep(200);
            }
            process.destroy();
            throw new IllegalStateException("moto_server did not answer GET /moto-api/ within 60 s on port " + port + ": " + Files.readString(log));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start moto_server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting moto_server", e);
        }
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void send(HttpRequest request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto answered " + response.statusCode() + " to " + request.uri() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto did not answer " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    static Path onPath(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " (moto 5.2.1, the third-party AWS emulator these tests run against) is not on the PATH;"
                + " install it with: pip install 'moto[server]==5.2.1' (.ci/run does this when it is missing)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for moto_server: " + e.getMessage(), e);
        }
    }
}
