package io.dataexporter.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    @Test
    void problem_isCheckedOncePerText_exceptForTextsOverTheLimit() {
        DocumentCache cache = new DocumentCache();
        List<String> checked = new ArrayList<>();
        String big = "{ requestStatus(requestId: \"x\") { status } }" + " ".repeat(DocumentCache.MAX_CHARS);

        for (int i = 0; i < 3; i++) {
            assertThat(cache.problem("{ a }", text -> {
                checked.add(text);
                return Optional.of("too deep");
            })).contains("too deep");
            assertThat(cache.problem(big, text -> {
                checked.add("big");
                return Optional.empty();
            })).isEmpty();
        }

        assertThat(checked).containsExactly("{ a }", "big", "big", "big");
    }

    @Test
    void getDocumentAsync_parsesAndValidatesEachTextOnce_andHoldsAtMostItsBound() throws Exception {
        DocumentCache cache = new DocumentCache();
        List<String> parsed = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            PreparsedDocumentEntry entry = cache.getDocumentAsync(ExecutionInput.newExecutionInput().query("{ status }").build(), input -> {
                parsed.add(input.getQuery());
                return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
            }).get();
            assertThat(entry.getDocument().getDefinitions()).hasSize(1);
        }
        for (int i = 0; i < 10 * DocumentCache.ENTRIES; i++) {
            cache.getDocumentAsync(ExecutionInput.newExecutionInput().query("{ field" + i + " }").build(),
                    input -> new PreparsedDocumentEntry(Parser.parse(input.getQuery()))).get();
        }

        // the same text three times: parsed once; ten times the bound of distinct texts: no more than the bound held
        assertThat(parsed).containsExactly("{ status }");
        assertThat(cache.size()).isLessThanOrEqualTo(DocumentCache.ENTRIES);
    }
}
