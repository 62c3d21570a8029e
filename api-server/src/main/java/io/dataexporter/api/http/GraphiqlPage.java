package io.dataexporter.api.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** GraphiQL at {@code /graphiql}, with GraphiQL and React served from the classpath (the webjars): no CDN. */
final class GraphiqlPage {

    private static final Map<String, String> ASSETS = Map.of(
            "react.js", "META-INF/resources/webjars/react/18.3.1/umd/react.production.min.js",
            "react-dom.js", "META-INF/resources/webjars/react-dom/18.3.1/umd/react-dom.production.min.js",
            "graphiql.js", "META-INF/resources/webjars/graphiql/2.4.7/graphiql.min.js",
            "graphiql.css", "META-INF/resources/webjars/graphiql/2.4.7/graphiql.min.css");

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
              <div id="graphiql">Loading GraphiQL...</div>
              <script>
                const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
                ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
                  fetcher,
                  defaultEditorToolsVisibility: 'headers',
                  headers: JSON.stringify({ Authorization: 'Bearer <your token>' }, null, 2),
                  defaultQuery: 'mutation {\\n  requestData(startTime: 1791036000, endTime: 1791039600)\\n}\\n'
                }));
              </script>
            </body>
            </html>
            """;

    private GraphiqlPage() {
    }

    static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/graphiql") || path.equals("/graphiql/")) {
            ApiServer.send(exchange, 200, "text/html", PAGE);
            return;
        }
        String asset = ASSETS.get(path.substring(path.lastIndexOf('/') + 1));
        if (!path.startsWith("/graphiql/assets/") || asset == null) {
            ApiServer.send(exchange, 404, "text/plain", "Not found: " + path + "\n");
            return;
        }
        try (InputStream in = GraphiqlPage.class.getClassLoader().getResourceAsStream(asset)) {
            if (in == null) {
                throw new IOException("asset " + asset + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", asset.endsWith(".css") ? "text/css" : "application/javascript");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=86400");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
