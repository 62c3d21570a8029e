package io.dataexporter.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * GraphiQL at {@code /graphiql}, with GraphiQL and React served from the classpath (the webjars): no CDN, no inline
 * script, so the Content-Security-Policy allows scripts from the server only. On the local stack the page opens with
 * the development token in its headers; otherwise with a placeholder.
 */
final class GraphiqlPage {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final Map<String, String> ASSETS = Map.of(
            "react.js", "META-INF/resources/webjars/react/18.3.1/umd/react.production.min.js",
            "react-dom.js", "META-INF/resources/webjars/react-dom/18.3.1/umd/react-dom.production.min.js",
            "graphiql.js", "META-INF/resources/webjars/graphiql/2.4.7/graphiql.min.js",
            "graphiql.css", "META-INF/resources/webjars/graphiql/2.4.7/graphiql.min.css");

    private static final String START = """
            const root = document.getElementById('graphiql');
            const token = root.dataset.token || '<your token>';
            ReactDOM.createRoot(root).render(React.createElement(GraphiQL, {
              fetcher: GraphiQL.createFetcher({ url: '/graphql' }),
              defaultEditorToolsVisibility: 'headers',
              headers: JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2),
              defaultQuery: 'mutation {\\n  requestData(startTime: 1791036000, endTime: 1791039600)\\n}\\n'
            }));
            """;

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Data Exporter GraphiQL</title>
              <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
              <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
              <script src="/graphiql/assets/react.js"></script>
              <script src="/graphiql/assets/react-dom.js"></script>
              <script src="/graphiql/assets/graphiql.js"></script>
            </head>
            <body>
              <div id="graphiql" data-token="%s">Loading GraphiQL...</div>
              <script src="/graphiql/assets/start.js"></script>
            </body>
            </html>
            """;

    private final String page;
    private final String pageWithoutToken = PAGE.formatted("");

    GraphiqlPage(Optional<String> developmentToken) {
        this.page = PAGE.formatted(developmentToken.map(GraphiqlPage::escape).orElse(""));
    }

    // The development token goes only into a page asked for from this machine (the peer's address is loopback: a server
    // bound to 0.0.0.0 hands it to nobody else, whatever Host header they send) by a loopback name (a page fetched
    // through another host name, DNS rebinding a public name to 127.0.0.1, gets none).
    static boolean servesDevelopmentToken(String host, String peerAddress) {
        return loopbackHost(host) && loopbackPeer(peerAddress);
    }

    static boolean loopbackPeer(String address) {
        if (address == null) {
            return false;
        }
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return bare.startsWith("127.") && bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1");
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    void serve(String path, org.eclipse.jetty.server.Request request, Response response, Callback callback) throws IOException {
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (path.equals("/graphiql") || path.equals("/graphiql/")) {
            response.getHeaders().put("Cache-Control", "no-store");
            Responses.send(response, callback, 200, "text/html; charset=utf-8",
                    servesDevelopmentToken(request.getHeaders().get(org.eclipse.jetty.http.HttpHeader.HOST),
                            org.eclipse.jetty.server.Request.getRemoteAddr(request)) ? page : pageWithoutToken);
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (path.equals("/graphiql/assets/start.js")) {
            Responses.send(response, callback, 200, "application/javascript; charset=utf-8", START);
            return;
        }
        String asset = ASSETS.get(name);
        if (!path.startsWith("/graphiql/assets/") || asset == null) {
            Responses.sendErrors(response, callback, 404, "Not found; GraphiQL is at /graphiql");
            return;
        }
        response.getHeaders().put("Cache-Control", "max-age=86400");
        Responses.send(response, callback, 200, asset.endsWith(".css") ? "text/css" : "application/javascript", assetBytes(asset));
    }

    // each asset is read from the jar (and inflated) once, not on every request
    private static final java.util.Map<String, byte[]> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] assetBytes(String asset) throws IOException {
        byte[] bytes = LOADED.get(asset);
        if (bytes == null) {
            try (InputStream in = GraphiqlPage.class.getClassLoader().getResourceAsStream(asset)) {
                if (in == null) {
                    throw new IOException("asset " + asset + " is missing from the classpath");
                }
                bytes = in.readAllBytes();
            }
            LOADED.put(asset, bytes);
        }
        return bytes;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
