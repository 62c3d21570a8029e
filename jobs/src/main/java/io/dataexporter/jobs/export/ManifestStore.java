package io.dataexporter.jobs.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The day's {@code _manifest.json} under {@code root/YYYY/MM/DD/}. Written last; removed as soon as any of the day's
 * partitions is replaced, so that no manifest ever names a file that is gone.
 */
public final class ManifestStore {

    public static final String FILE_NAME = "_manifest.json";

    private final Configuration hadoop;
    private final String root;

    public ManifestStore(Configuration hadoop, String root) {
        this.hadoop = hadoop;
        this.root = root;
    }

    public String location(ExportDay day) {
        return root + "/" + day.folder() + "/" + FILE_NAME;
    }

    public void write(ExportDay day, String json) {
        Path path = new Path(location(day));
        try (OutputStream out = path.getFileSystem(hadoop).create(path, true)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the manifest " + path + ": " + e.getMessage(), e);
        }
    }

    public void invalidate(ExportDay day) {
        Path path = new Path(location(day));
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            fs.delete(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the outdated manifest " + path + ": " + e.getMessage(), e);
        }
    }
}
