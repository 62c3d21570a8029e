package io.dataexporter.api.http;

import io.dataexporter.api.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics} on a port of their own ({@code api.probe-port}), served by a
 * server with its own few threads and connections: however busy the API's workers are, or however many clients hold
 * its connections, the kubelet's probes and the metrics scrape are answered, from memory (no remote call).
 */
public final class ProbeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeServer.class);

    private final Server server;
    private final ServerConnector connector;

    public ProbeServer(String host, int port, Metrics metrics, BooleanSupplier ready) {
        QueuedThreadPool threads = new QueuedThreadPool(6, 2);
        threads.setName("api-probes");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(5_000);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(32, connector));
        connector.addEventListener(new HeadDeadline(server.getScheduler(), 5_000, metrics));
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                response.getHeaders().put("X-Content-Type-Options", "nosniff");
                if (!Responses.PROBE_PATHS.contains(path)) {
                    Responses.sendErrors(response, callback, 404, "Not found; this port answers /healthz, /readyz and /metrics");
                } else if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    Responses.sendErrors(response, callback, 405, "Method " + request.getMethod() + " is not allowed here; use GET");
                } else {
                    Responses.probe(path, response, callback, metrics, ready);
                }
                return true;
            }
        });
        server.setStopTimeout(1_000);
        try {
            server.start();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("Cannot listen for probes on " + host + ":" + port + ": " + e.getMessage()
                    + "; choose another port with api.probe-port", e));
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the probe server: {}", e.getMessage());
        }
    }
}
