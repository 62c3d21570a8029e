package io.dataexporter.redshiftemulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedshiftSqlTest {

    @Test
    void aliasSubqueries_givesAnUnaliasedSubqueryInFromAnAlias_andLeavesAliasedOnesAlone() {
        assertThat(RedshiftSql.aliasSubqueries("SELECT * FROM (SELECT a FROM (SELECT 1 AS a) AS \"p\") WHERE 1 = 0"))
                .isEqualTo("SELECT * FROM (SELECT a FROM (SELECT 1 AS a) AS \"p\") AS redshift_subquery_1 WHERE 1 = 0");
        assertThat(RedshiftSql.aliasSubqueries("SELECT \"x\" FROM (SELECT 1 AS x) "))
                .isEqualTo("SELECT \"x\" FROM (SELECT 1 AS x) AS redshift_subquery_1 ");
        assertThat(RedshiftSql.aliasSubqueries("SELECT * FROM (SELECT 1) t LIMIT 1")).isEqualTo("SELECT * FROM (SELECT 1) t LIMIT 1");
        assertThat(RedshiftSql.aliasSubqueries("SELECT count(*), coalesce(a, (b)) FROM t WHERE a IN (1, 2)"))
                .isEqualTo("SELECT count(*), coalesce(a, (b)) FROM t WHERE a IN (1, 2)");
    }

    @Test
    void aliasSubqueries_skipsLiteralsWithRedshiftsEscapes_andQuotedNames() {
        String sql = "SELECT 'FROM (x) \\' FROM (y)', \"FROM (\" FROM (SELECT 1)";
        assertThat(RedshiftSql.aliasSubqueries(sql)).isEqualTo(sql + " AS redshift_subquery_1");
    }

    @Test
    void queryGroup_isRecognisedInTheFormsTheConnectorSends() {
        assertThat(RedshiftSession.queryGroup("set query_group to '{\"spark-redshift-connector\":{}}'"))
                .contains(Optional.of("'{\"spark-redshift-connector\":{}}'"));
        assertThat(RedshiftSession.queryGroup("RESET query_group;")).contains(Optional.empty());
        assertThat(List.of(RedshiftSession.queryGroup("SELECT 'set query_group to x'"))).containsExactly(Optional.empty());
    }
}
