package io.dataexporter.jobs.iceberg;

import io.dataexporter.jobs.config.ExportConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Iceberg catalog as Spark sees it: the JDBC catalog (local stack) or AWS Glue (production), under the Spark
 * catalog name {@code catalog.name}; tables are {@code {catalog}.{database}.{table}}.
 */
public final class IcebergCatalog {

    private final ExportConfig config;

    public IcebergCatalog(ExportConfig config) {
        this.config = config;
    }

    /** The Spark conf entries of the catalog; pure, so the production choice is unit-tested. */
    public Map<String, String> sparkConf() {
        String prefix = "spark.sql.catalog." + config.catalog().name();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        conf.put(prefix + ".warehouse", root() + "/_iceberg");
        config.catalog().match(jdbc -> {
            conf.put(prefix + ".catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
            conf.put(prefix + ".uri", jdbc.url());
            conf.put(prefix + ".jdbc.user", config.warehouse().target().user());
            conf.put(prefix + ".jdbc.password", config.warehouse().target().password());
            return conf.put(prefix + ".io-impl", "org.apache.iceberg.hadoop.HadoopFileIO");
        }, glue -> {
            conf.put(prefix + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
            return conf.put(prefix + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        });
        return conf;
    }

    /** Registers the catalog and S3 access on a session; safe to call again with the same configuration. */
    public void register(SparkSession spark) {
        sparkConf().forEach((key, value) -> spark.conf().set(key, value));
        S3aSettings.apply(spark.sparkContext().hadoopConfiguration(), config.s3());
    }

    /** {@code s3://bucket/env} on AWS (Athena reads these paths), {@code s3a://bucket/env} on the local stack. */
    public String root() {
        if (config.exportRoot().isPresent()) {
            return config.exportRoot().get().replaceAll("/+$", "");
        }
        String scheme = config.catalog().match(jdbc -> "s3a://", glue -> "s3://");
        return scheme + config.s3().bucket() + "/" + config.env();
    }

    public String tableName(String table) {
        return config.catalog().name() + "." + config.catalog().database() + "." + table;
    }

    public String namespace() {
        return config.catalog().name() + "." + config.catalog().database();
    }
}
