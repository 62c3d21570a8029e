package io.dataexporter.classification.transform;

import io.dataexporter.classification.policy.HashKey;
import org.apache.spark.sql.api.java.UDF1;

/** The HASH treatment's function: the key stays inside {@link HashKey}, which prints as {@code HashKey[****]}. */
final class KeyedHashFunction implements UDF1<String, String> {

    private static final long serialVersionUID = 1L;
    private final HashKey key;

    KeyedHashFunction(HashKey key) {
        if (key == null) {
            throw new IllegalArgumentException("HASH needs a hash key; configure the hash pepper");
        }
        this.key = key;
    }

    // the HMAC once per value while it repeats (plates, ids): the same hex, less work; built on first use on the executor
    private transient ValueCache cache;

    @Override
    public String call(String value) {
        if (value == null) {
            return null;
        }
        if (cache == null) {
            cache = new ValueCache(key::hmacHex);
        }
        return cache.apply(value);
    }

    @Override
    public String toString() {
        return "de_keyed_hash(" + key + ")";
    }
}
