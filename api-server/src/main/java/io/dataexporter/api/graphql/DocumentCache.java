package io.dataexporter.api.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Documents by their text, for the most recent {@value #ENTRIES} texts of at most {@value #MAX_CHARS} characters: what
 * the cost limits say of each, and graphql-java's parsed and validated form. Clients send the same few documents over
 * and over (a status poll differs only in its variables), so each is parsed and checked once instead of on every call.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    static final int ENTRIES = 256;
    static final int MAX_CHARS = 20_000;

    private final Map<String, PreparsedDocumentEntry> documents = lru();
    private final Map<String, Optional<String>> problems = lru();

    /** What {@code check} says of the document; computed once per text. */
    Optional<String> problem(String query, Function<String, Optional<String>> check) {
        if (query == null || query.length() > MAX_CHARS) {
            return check.apply(query);
        }
        Optional<String> known = problems.get(query);
        if (known == null) {
            known = check.apply(query);
            problems.put(query, known);
        }
        return known;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query == null || query.length() > MAX_CHARS) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        PreparsedDocumentEntry entry = documents.get(query);
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            documents.put(query, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    private static <V> Map<String, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > ENTRIES;
            }
        });
    }
}
