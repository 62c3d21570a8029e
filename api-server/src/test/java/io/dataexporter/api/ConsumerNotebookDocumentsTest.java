package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.dataexporter.api.graphql.GraphQlApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Databricks consumer notebook's GraphQL documents are valid against the server's schema. */
class ConsumerNotebookDocumentsTest {

    private static final Pattern DOCUMENT = Pattern.compile("^(REQUEST_[A-Z_]+) = \"\"\"(.*?)\"\"\"", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void consumerDocuments_validateAgainstTheSchema() throws Exception {
        Map<String, String> documents = new LinkedHashMap<>();
        for (JsonNode cell : new ObjectMapper().readTree(Files.readString(Path.of("../notebooks/databricks_consumer.ipynb"))).get("cells")) {
            StringBuilder source = new StringBuilder();
            cell.get("source").forEach(line -> source.append(line.asText()));
            Matcher matcher = DOCUMENT.matcher(source);
            while (matcher.find()) {
                documents.put(matcher.group(1), matcher.group(2));
            }
        }
        GraphQlApi api = new GraphQlApi(null, new Metrics(), 8, 100);

        assertThat(documents).containsOnlyKeys("REQUEST_DATA", "REQUEST_STATUS");
        documents.forEach((name, document) -> {
            List<ValidationError> errors = new Validator().validateDocument(api.schema(), Parser.parse(document), Locale.ENGLISH);
            assertThat(errors).as(name).isEmpty();
        });
        assertThat(new Validator().validateDocument(api.schema(), Parser.parse("mutation { requestData(start: 1, end: 2) }"), Locale.ENGLISH))
                .as("a document the schema does not accept is caught").isNotEmpty();
    }
}
