package io.dataexporter.common.range;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Where an on-demand range export puts its files, shared by the job that writes them and the API that signs them:
 * {@code {env}/data_exporter_service/{table}/YYYYMMDD/{dt_start}_{dt_end}/{request_id}/{table}_000.parquet, ..., manifest}.
 * The request-id folder keeps each request's files apart: a later request for the same range never touches the
 * files an earlier request's links point to, and a manifest only ever names files of its own run.
 */
public final class RangeLayout {

    public static final String SERVICE_FOLDER = "data_exporter_service";
    public static final String MANIFEST = "manifest";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RangeLayout() {
    }

    /** {@code {env}/data_exporter_service/}: one folder per table below it. */
    public static String servicePrefix(String env) {
        return env + "/" + SERVICE_FOLDER + "/";
    }

    /** The request's folder for one table, ending in '/'. The date and stamps are UTC. */
    public static String folder(String env, String table, long startEpochSeconds, long endEpochSeconds, UUID requestId) {
        Instant start = Instant.ofEpochSecond(startEpochSeconds);
        Instant end = Instant.ofEpochSecond(endEpochSeconds);
        return servicePrefix(env) + table + "/" + DAY.format(start) + "/" + STAMP.format(start) + "_" + STAMP.format(end) + "/" + requestId + "/";
    }

    public static String fileName(String table, int index) {
        return String.format("%s_%03d.parquet", table, index);
    }
}
