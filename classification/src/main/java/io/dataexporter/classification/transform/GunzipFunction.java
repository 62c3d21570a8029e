package io.dataexporter.classification.transform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.api.java.UDF1;

/**
 * Gunzips bytes to UTF-8 text. NULL stays NULL. A UDF: Spark has no built-in gunzip. A value that
 * is not GZIP, or that expands past {@link #MAX_EXPANDED_BYTES} (a gzip bomb), is withheld as NULL: one cell never
 * stops its table or exhausts an executor, and the work per cell stops at the limit.
 */
final class GunzipFunction implements UDF1<byte[], String> {

    /** Longest text a compressed cell may expand to. */
    static final int MAX_EXPANDED_BYTES = 32 << 20;

    @Override
    public String call(byte[] compressed) {
        if (compressed == null) {
            return null;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_EXPANDED_BYTES, compressed.length * 4 + 64));
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (out.size() + read > MAX_EXPANDED_BYTES) {
                    return null;
                }
                out.write(buffer, 0, read);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
