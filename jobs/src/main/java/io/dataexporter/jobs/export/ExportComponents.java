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
        if ("redshift".equals(config.warehouseKind())) {
            return new RedshiftWarehouseSource(spark, config.warehouse().url(), config.warehouse().user(), config.warehouse().password(),
                    config.warehouseSchema(), config.redshiftIamRole().orElseThrow(), config.redshiftTempdir().orElseThrow(), runId, config.s3().region(),
                    config.redshiftSseKmsKey(), config.redshiftJdbcDriver());
        }
        return new JdbcWarehouseSource(spark, config.warehouse(), config.warehouseSchema(), config.jdbcPartitions());
    }

    /** The policy rows from the warehouse; with {@code export-tables.store=dynamodb}, the export_tables rows from DynamoDB. */
    public static PolicyRows policy(ExportConfig config) {
        PolicyRows rows;
        try (Connection connection = config.warehouse().connect()) {
            rows = new JdbcPolicyLoader(config.policySchema()).load(connection);
        } catch (SQLException e) {
            throw new ExportFailure(ErrorCode.SOURCE_UNAVAILABLE, "Cannot read the policy tables in schema " + config.policySchema() + " of the "
                    + config.warehouse().describe() + ": " + e.getMessage(), e);
        }
        if (!"dynamodb".equals(config.exportTablesStore())) {
            return rows;
        }
        try (DynamoDbClient dynamoDb = dynamoDb(config)) {
            List<PolicyRows.ExportTableRow> tables = new DynamoDbExportTables(dynamoDb, config.dynamoDbTable()).load().stream()
                    .map(item -> new PolicyRows.ExportTableRow(item.tableName(), item.enabled(), item.timeColumn(), item.sourceColumn(),
                            item.metricColumn(), item.valueColumns())).toList();
            return new PolicyRows(tables, rows.columnRules(), rows.sourceRules(), rows.metricRules());
        }
    }

    public static Notifier notifier(ExportConfig config) {
        return switch (config.notifierKind()) {
            case "webhook" -> new WebhookNotifier(URI.create(config.webhookUrl().orElseThrow()));
            case "sns" -> new SnsNotifier(sns(config), config.snsTopicArn().orElseThrow());
            default -> new LogNotifier();
        };
    }

    public static Optional<HashKey> hashKey(ExportConfig config) {
        return config.hashPepper().map(HashKey::fromPepper);
    }

    private static SnsClient sns(ExportConfig config) {
        var builder = SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.of(config.s3().region()));
        config.snsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static DynamoDbClient dynamoDb(ExportConfig config) {
        var builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.of(config.s3().region()));
        config.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
