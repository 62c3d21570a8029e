package io.dataexporter.classification.transform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.api.java.UDF1;

/** Gunzips bytes to UTF-8 text. NULL stays NULL. The one UDF of the policy: Spark has no built-in gunzip. */
final class GunzipFunction implements UDF1<byte[], String> {

    @Override
    public String call(byte[] compressed) {
        if (compressed == null) {
            return null;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("A *_compressed value is not valid GZIP + base64: " + e.getMessage(), e);
        }
    }
}
