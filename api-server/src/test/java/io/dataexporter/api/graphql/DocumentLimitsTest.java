package io.dataexporter.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentLimitsTest {

    private static final DocumentLimits LIMITS = new DocumentLimits(100, 8);

    @Test
    void problem_whenTypenameIsAliasedPastTheFieldLimit_refusesTheDocument() {
        StringBuilder query = new StringBuilder("query {");
        for (int i = 0; i < 101; i++) {
            query.append(" t").append(i).append(": __typename");
        }
        query.append(" }");

        assertThat(LIMITS.problem(Parser.parse(query.toString())))
                .contains("The document selects 101 fields (aliases included); the limit is 100. Split it into several requests.");
    }

    @Test
    void problem_ofAnIntrospectionQueryDeeperAndWiderThanTheLimits_isNone() {
        StringBuilder types = new StringBuilder("name kind");
        for (int level = 0; level < 12; level++) {
            types = new StringBuilder("name kind ofType { " + types + " }");
        }
        String query = "query IntrospectionQuery { __typename __schema { queryType { name } types { " + types + " fields { name args { name type { "
                + types + " } } type { " + types + " } } } } }";

        assertThat(LIMITS.problem(Parser.parse(query))).isEqualTo(Optional.empty());
    }
}
