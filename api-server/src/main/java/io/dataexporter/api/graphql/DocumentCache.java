package io.dataexporter.api.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Documents by their text, for at most {@value #ENTRIES} texts (Caffeine: the ones most used lately) of at most {@value #MAX_CHARS} characters: what
 * the cost limits say of each, and graphql-java's parsed and validated form. Clients send the same few documents over
 * and over (a status poll differs only in its variables), so each is parsed and checked once instead of on every call.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    static final int ENTRIES = 256;
    static final int MAX_CHARS = 20_000;

    private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(ENTRIES).build();
    private final Cache<String, Optional<String>> problems = Caffeine.newBuilder().maximumSize(ENTRIES).build();

    /** What {@code check} says of the document; computed once per text. */
    Optional<String> problem(String query, Function<String, Optional<String>> check) {
        if (query == null || query.length() > MAX_CHARS) {
            return check.apply(query);
        }
        return problems.get(query, check);
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query == null || query.length() > MAX_CHARS) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        return CompletableFuture.completedFuture(documents.get(query, text -> parseAndValidate.apply(input)));
    }

    /** Entries held now, after pending evictions (Caffeine evicts by frequency and recency, close to the bound). */
    long size() {
        documents.cleanUp();
        return documents.estimatedSize();
    }
}
