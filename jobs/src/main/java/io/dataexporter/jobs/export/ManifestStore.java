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

    static final int MAX_READ_BYTES = 16 * 1024 * 1024;

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

    /** The day's manifest, if one is there; one that cannot be read is reported to {@code unreadable} and taken as absent. */
    public java.util.Optional<String> read(ExportDay day, java.util.function.Consumer<String> unreadable) {
        Path path = new Path(location(day));
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                return java.util.Optional.empty();
            }
            try (java.io.InputStream in = fs.open(path)) {
                // a manifest is a few hundred KB at most; a larger object under the name is not one this product wrote
                byte[] bytes = in.readNBytes(MAX_READ_BYTES + 1);
                if (bytes.length > MAX_READ_BYTES) {
                    unreadable.accept("The manifest " + path + " is over " + MAX_READ_BYTES + " bytes; it is not compared with");
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            unreadable.accept("Cannot read the manifest " + path + ": " + e.getMessage() + "; it is not compared with");
            return java.util.Optional.empty();
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
