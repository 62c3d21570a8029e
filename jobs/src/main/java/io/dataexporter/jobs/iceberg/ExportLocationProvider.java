package io.dataexporter.jobs.iceberg;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.io.LocationProvider;

/**
 * Puts each data file of partition {@code export_date = D} into the folder consumers list directly:
 * the table property {@value #FOLDER_PROPERTY} with {@code {date}} replaced by {@code YYYY/MM/DD}, for example
 * {@code s3://bucket/prod/{date}/way_speed} gives {@code s3://bucket/prod/2026/10/04/way_speed/00000-0-...parquet}.
 */
public final class ExportLocationProvider implements LocationProvider {

    public static final String FOLDER_PROPERTY = "data-exporter.folder";
    static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final String tableLocation;
    private final String folderTemplate;

    public ExportLocationProvider(String tableLocation, Map<String, String> properties) {
        this.tableLocation = tableLocation;
        this.folderTemplate = properties.get(FOLDER_PROPERTY);
        if (folderTemplate == null || !folderTemplate.contains("{date}")) {
            throw new IllegalArgumentException("Table at " + tableLocation + " lacks the property " + FOLDER_PROPERTY
                    + " with a {date} placeholder; it is set when Data Exporter creates the table");
        }
    }

    /** The folder of one day's partition. */
    public static String folder(String template, LocalDate date) {
        return template.replace("{date}", date.format(DAY_FOLDER));
    }

    @Override
    public String newDataLocation(String filename) {
        throw new IllegalStateException("Table at " + tableLocation + " is written by export_date partition only; unpartitioned file " + filename);
    }

    @Override
    public String newDataLocation(PartitionSpec spec, StructLike partitionData, String filename) {
        Integer days = partitionData.get(0, Integer.class);
        return folder(folderTemplate, LocalDate.ofEpochDay(days)) + "/" + filename;
    }
}
