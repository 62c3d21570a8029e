package io.dataexporter.jobs.export;

import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.common.config.DynamoDbExportTables;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.notify.LogNotifier;
import io.dataexporter.jobs.notify.Notifier;
import io.dataexporter.jobs.notify.SnsNotifier;
import io.dataexporter.jobs.notify.WebhookNotifier;
import io.dataexporter.jobs.policy.JdbcPolicyLoader;
import io.dataexporter.jobs.source.JdbcWarehouseSource;
import io.dataexporter.jobs.source.RedshiftWarehouseSource;
import io.dataexporter.jobs.source.WarehouseSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Chooses the production or local part for each role from the configuration: the one place that does. */
public final class ExportComponents {

    private ExportComponents() {
    }

    public static WarehouseSource source(SparkSession spark, ExportConfig config, String runId) {
        return config.warehouse().<WarehouseSource>match(
                jdbc -> new JdbcWarehouseSource(spark, jdbc.target(), jdbc.schema(), jdbc.partitions()),
                redshift -> new RedshiftWarehouseSource(spark, redshift.target().url(), redshift.target().user(), redshift.target().password(),
                        redshift.schema(), redshift.iamRole(), redshift.tempdir(), runId, config.s3().region(), redshift.sseKmsKey(), redshift.jdbcDriver()));
    }

    /** The policy rows from the warehouse; with {@code export-tables.store=dynamodb}, the export_tables rows from DynamoDB. */
    public static PolicyRows policy(ExportConfig config) {
        PolicyRows rows;
        try (Connection connection = config.warehouse().target().connect()) {
            rows = new JdbcPolicyLoader(config.policySchema()).load(connection);
        } catch (SQLException e) {
            throw new ExportFailure(ErrorCode.SOURCE_UNAVAILABLE, "Cannot read the policy tables in schema " + config.policySchema() + " of the "
                    + config.warehouse().target().describe() + ": " + e.getMessage(), e);
        }
        return config.exportTables().match(warehouse -> rows, dynamoDbTable -> {
            try (DynamoDbClient dynamoDb = dynamoDb(config.s3().region(), dynamoDbTable.endpoint())) {
                List<PolicyRows.ExportTableRow> tables = new DynamoDbExportTables(dynamoDb, dynamoDbTable.table()).load().stream()
                        .map(item -> new PolicyRows.ExportTableRow(item.tableName(), item.enabled(), item.timeColumn(), item.sourceColumn(),
                                item.metricColumn(), item.valueColumns())).toList();
                return new PolicyRows(tables, rows.columnRules(), rows.sourceRules(), rows.metricRules());
            }
        });
    }

    public static Notifier notifier(ExportConfig config) {
        return config.notifier().<Notifier>match(log -> new LogNotifier(), webhook -> new WebhookNotifier(webhook.url()),
                sns -> new SnsNotifier(sns(config.s3().region(), sns.endpoint()), sns.topicArn()));
    }

    public static Optional<HashKey> hashKey(ExportConfig config) {
        return config.hashPepper().map(HashKey::fromPepper);
    }

    private static SnsClient sns(String region, Optional<URI> endpoint) {
        var builder = SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.of(region));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static DynamoDbClient dynamoDb(String region, Optional<URI> endpoint) {
        var builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.of(region));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
