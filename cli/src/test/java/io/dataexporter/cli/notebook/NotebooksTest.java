package io.dataexporter.cli.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notebooks as files: nbformat 4 with outputs stripped; the EDA notebook's queries, found and translated. */
class NotebooksTest {

    private static final Path EDA = Path.of("../notebooks/athena_eda.ipynb");
    private static final Path CONSUMER = Path.of("../notebooks/databricks_consumer.ipynb");

    @Test
    void bothNotebooks_areNbformat45_withACellIdEach_andOutputsAndExecutionCountsStripped() throws Exception {
        for (Path notebook : List.of(EDA, CONSUMER)) {
            JsonNode root = new ObjectMapper().readTree(Files.readString(notebook));
            assertThat(root.get("nbformat").asInt()).as(notebook.toString()).isEqualTo(4);
            assertThat(root.get("nbformat_minor").asInt()).as(notebook.toString()).isEqualTo(5);
            java.util.Set<String> ids = new java.util.HashSet<>();
            root.get("cells").forEach(cell -> assertThat(ids.add(cell.path("id").asText())).as(notebook + " cell id " + cell.path("id")).isTrue());
            assertThat(ids).as(notebook + " cell ids (nbformat 4.5: 1 to 64 letters, digits, - and _)").allMatch(id -> id.matches("[A-Za-z0-9_-]{1,64}"));
            assertThat(root.get("metadata").get("kernelspec").get("language").asText()).isEqualTo("python");
            for (JsonNode cell : root.get("cells")) {
                assertThat(cell.get("cell_type").asText()).isIn("markdown", "code");
                if (cell.get("cell_type").asText().equals("code")) {
                    assertThat(cell.get("outputs").size()).as(notebook + " outputs").isZero();
                    assertThat(cell.get("execution_count").isNull()).as(notebook + " execution_count").isTrue();
                }
            }
        }
    }

    @Test
    void edaQueries_areFoundByTheConvention_andTranslatedForSpark() {
        List<NotebookQueries.Query> queries = NotebookQueries.read(EDA);

        assertThat(queries).extracting(NotebookQueries.Query::name).containsExactly("SQL_ROWS_PER_TABLE", "SQL_SPEED_BY_SOURCE",
                "SQL_INCIDENTS_PER_MELBOURNE_HOUR", "SQL_COLUMNS_CLASSIFIED_DE", "SQL_SNAPSHOTS", "SQL_TIME_TRAVEL", "SQL_PARTITIONS", "SQL_FILES");
        assertThat(AthenaToSpark.translate(queries.get(2), "de.data_exporter")).contains("date_trunc('hour', from_utc_timestamp(reported_at, 'Australia/Melbourne'))")
                .doesNotContain("AT TIME ZONE");
        assertThat(AthenaToSpark.translate(queries.get(4), "de.data_exporter")).contains("FROM de.data_exporter.way_speed.snapshots").doesNotContain("$");
        assertThat(AthenaToSpark.translate(queries.get(5), "de.data_exporter")).contains("FROM way_speed TIMESTAMP AS OF current_timestamp() - INTERVAL '1' SECOND").doesNotContain("FOR ");
        assertThat(AthenaToSpark.translate(queries.get(0), "de.data_exporter")).isEqualTo(queries.get(0).sql());
        // a summary key that a commit may lack is read with element_at (NULL when absent), never summary['...'] (fails in Athena)
        assertThat(queries.get(4).sql()).contains("element_at(summary, 'deleted-records')").doesNotContain("summary[");
    }

    @Test
    void translate_whenAthenaOnlySyntaxHasNoSparkForm_failsNamingTheCell() {
        NotebookQueries.Query unnest = new NotebookQueries.Query(7, "Sources", "SQL_SOURCES",
                "SELECT s FROM way_speed CROSS JOIN UNNEST(ARRAY['a']) AS t(s)");

        assertThatThrownBy(() -> AthenaToSpark.translate(unnest, "de.data_exporter")).hasMessage("Cannot run cell 7 (Sources, SQL_SOURCES) against the local catalog:"
                + " Athena's UNNEST has no translation to Spark SQL; use explode in Spark, or split the query");
    }
}
