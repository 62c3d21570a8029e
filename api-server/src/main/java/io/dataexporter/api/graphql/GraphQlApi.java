package io.dataexporter.api.graphql;

import com.apollographql.federation.graphqljava.Federation;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import io.dataexporter.common.retry.BoundedRetry;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import io.dataexporter.api.Metrics;
import io.dataexporter.api.requests.RequestService;
import io.dataexporter.api.requests.StatusView;
import io.dataexporter.api.requests.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraphQL schema (from {@code schema.graphqls}, with Apollo Federation v2 subgraph fields) wired to the request
 * service. Errors a client caused carry their message; anything else is logged with an id, and only the id is sent.
 */
public final class GraphQlApi {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQlApi.class);

    private final GraphQL graphQl;
    private final String sdl;

    private static final String CLIENT = "client";

    private final DocumentLimits limits;
    private final DocumentCache documents = new DocumentCache();

    public GraphQlApi(RequestService requests, Metrics metrics, int maxQueryDepth, int maxQueryFields) {
        this.sdl = schemaText();
        this.limits = new DocumentLimits(maxQueryFields, maxQueryDepth);
        DataFetcher<Object> status = env -> {
            metrics.increment("data_exporter_api_requests_total", "operation", "requestStatus");
            return view(requests.requestStatus(env.getArgument("requestId"), env.getGraphQlContext().get(CLIENT)));
        };
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Mutation", type -> type
                        .dataFetcher("requestData", env -> {
                            metrics.increment("data_exporter_api_requests_total", "operation", "requestData");
                            Integer start = env.getArgument("startTime");
                            Integer end = env.getArgument("endTime");
                            return requests.requestData(start, end, env.getGraphQlContext().get(CLIENT));
                        })
                        .dataFetcher("requestStatus", status))
                .type("Query", type -> type.dataFetcher("requestStatus", status))
                .build();
        GraphQLSchema schema = Federation.transform(sdl, wiring).build();
        this.graphQl = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new SafeErrors(metrics))
                .preparsedDocumentProvider(documents)
                .build();
    }

    /**
     * Runs a document for an authenticated client. A document over the cost limits (fields, aliases included, and
     * depth; introspection excluded) is refused before anything runs.
     */
    public ExecutionResult execute(String query, Map<String, Object> variables, String operationName, String client) {
        var problem = documents.problem(query, text -> {
            try {
                return text == null ? Optional.<String>empty() : limits.problem(Parser.parse(text));
            } catch (InvalidSyntaxException e) {
                return Optional.empty(); // graphql-java reports the syntax error below
            }
        });
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        try {
            return graphQl.execute(ExecutionInput.newExecutionInput().query(query).variables(variables == null ? Map.of() : variables)
                    .operationName(operationName).graphQLContext(Map.of(CLIENT, client)).build());
        } catch (StackOverflowError e) {
            // a document nested past what graphql-java's recursive validation can walk: refused, one line in the log
            LOG.warn("Refused a document of {} characters from client {} that nests too deeply"
                    + " to validate", query == null ? 0 : query.length(), client);
            return refused("The document nests too deeply to check; send a flatter document.");
        }
    }

    /** The error code (in the error's extensions) of a document refused by the cost limits; the HTTP layer answers 400. */
    public static final String DOCUMENT_LIMIT = "DOCUMENT_LIMIT";

    private static ExecutionResult refused(String message) {
        return ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError().message(message)
                .extensions(Map.of("code", DOCUMENT_LIMIT)).build()).build();
    }

    /** The executable schema, for checking documents against it. */
    public graphql.schema.GraphQLSchema schema() {
        return graphQl.getGraphQLSchema();
    }

    public String sdl() {
        return sdl;
    }

    private static Map<String, Object> view(StatusView view) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", view.status());
        fields.put("progress", view.progress());
        fields.put("dataRequestDownloadLinks", view.dataRequestDownloadLinks().orElse(null));
        fields.put("error", view.error().orElse(null));
        fields.put("linksExpireAt", view.linksExpireAt().orElse(null));
        fields.put("linksWarning", view.linksWarning().orElse(null));
        return fields;
    }

    private static String schemaText() {
        try (InputStream in = GraphQlApi.class.getResourceAsStream("/io/dataexporter/api/schema.graphqls")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the GraphQL schema from the classpath", e);
        }
    }

    /** The error code (in the error's extensions) of a call the control database did not answer; the HTTP layer answers 503. */
    public static final String UNAVAILABLE = "CONTROL_DATABASE_UNAVAILABLE";

    // PostgreSQL's lock_not_available, anywhere in the cause chain
    private static boolean lockTimedOut(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private record SafeErrors(Metrics metrics) implements DataFetcherExceptionHandler {

        // a 503 with Retry-After (the HTTP layer answers so for the code), logged with a reference the client gets too
        private CompletableFuture<DataFetcherExceptionHandlerResult> unavailable(graphql.execution.DataFetcherExceptionHandlerParameters parameters,
                                                                              Throwable error, String logged, String told) {
            String reference = UUID.randomUUID().toString();
            LOG.warn("{} {} in {}: {}", logged, reference, parameters.getPath(), error.toString());
            metrics.increment("data_exporter_api_errors_total", "kind", "unavailable");
            GraphQLError unavailable = GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment())
                    .message(told + "; try again in a minute (reference " + reference + ")")
                    .extensions(java.util.Map.of("code", UNAVAILABLE)).build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(unavailable).build());
        }

        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(graphql.execution.DataFetcherExceptionHandlerParameters parameters) {
            Throwable error = parameters.getException();
            String message;
            if (error instanceof UserError) {
                message = error.getMessage();
                metrics.increment("data_exporter_api_errors_total", "kind", "user");
            } else if (lockTimedOut(error)) {
                // another server holds the request table's lock longer than lock_timeout: busy, not broken
                return unavailable(parameters, error, "Request table lock not granted", "The request table is locked by another call");
            } else if (BoundedRetry.isOutage(error)) {
                // the server stays up and says so; the pool reconnects by itself once the database answers again
                return unavailable(parameters, error, "Control database unavailable", "The control database is not answering");
            } else {
                String reference = UUID.randomUUID().toString();
                LOG.error("Internal error {} in {}", reference, parameters.getPath(), error);
                message = "Internal error; quote reference " + reference + " to the Data Exporter team";
                metrics.increment("data_exporter_api_errors_total", "kind", "internal");
            }
            GraphQLError graphQlError = GraphqlErrorBuilder.newError(parameters.getDataFetchingEnvironment()).message(message).build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(graphQlError).build());
        }
    }
}
