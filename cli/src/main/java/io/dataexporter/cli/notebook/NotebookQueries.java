package io.dataexporter.cli.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL queries of a notebook, by the notebooks' convention: a query is a code cell that assigns a triple-quoted
 * string to a name starting with {@code SQL_} ({@code SQL_ROWS_PER_TABLE = """SELECT ..."""}); its heading is the
 * first line of the nearest markdown cell above it. Pure: reads the file, runs nothing.
 */
public final class NotebookQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUERY = Pattern.compile("^(SQL_[A-Z0-9_]+)\\s*=\\s*\"\"\"(.*?)\"\"\"", Pattern.MULTILINE | Pattern.DOTALL);

    /** One query of a notebook: its cell (counting from 1), heading, variable name and Athena SQL. */
    public record Query(int cell, String heading, String name, String sql) {

        /** How messages name the query. */
        public String label() {
            return "cell " + cell + " (" + heading + ", " + name + ")";
        }
    }

    private NotebookQueries() {
    }

    public static List<Query> read(Path notebook) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(notebook));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the notebook " + notebook + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("cells").isArray()) {
            throw new IllegalArgumentException("The file " + notebook + " is not a Jupyter notebook (no \"cells\" list)");
        }
        List<Query> queries = new ArrayList<>();
        String heading = "untitled";
        int index = 0;
        for (JsonNode cell : root.get("cells")) {
            index++;
            String source = source(cell);
            if ("markdown".equals(cell.path("cell_type").asText())) {
                heading = source.lines().filter(line -> !line.isBlank()).findFirst().orElse(heading).replaceFirst("^#+\\s*", "").strip();
            } else if ("code".equals(cell.path("cell_type").asText())) {
                Matcher matcher = QUERY.matcher(source);
                while (matcher.find()) {
                    queries.add(new Query(index, heading, matcher.group(1), matcher.group(2).strip()));
                }
            }
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("The notebook " + notebook + " has no query cells (SQL_<NAME> = \"\"\"...\"\"\")");
        }
        return queries;
    }

    // nbformat keeps a cell's source as one string or a list of lines.
    private static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (source.isTextual()) {
            return source.asText();
        }
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }
}
