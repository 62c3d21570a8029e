package io.dataexporter.classification.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The key for keyed hashing (HMAC-SHA256), derived from the secret pepper. Only the HMAC's inner and outer
 * padded keys are kept, never the pepper; {@link #toString()} shows neither.
 */
public final class HashKey {

    private static final int BLOCK = 64;
    private final byte[] innerPad;
    private final byte[] outerPad;

    private HashKey(byte[] innerPad, byte[] outerPad) {
        this.innerPad = innerPad;
        this.outerPad = outerPad;
    }

    /** Derives the key from a pepper; the pepper must be at least 16 characters. */
    public static HashKey fromPepper(String pepper) {
        if (pepper == null || pepper.length() < 16) {
            throw new IllegalArgumentException("The hash pepper must be at least 16 characters (it is "
                    + (pepper == null ? "missing" : pepper.length() + " characters") + "); set a longer DATA_EXPORTER_HASH_PEPPER");
        }
        byte[] key;
        try {
            key = MessageDigest.getInstance("SHA-256").digest(pepper.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        return new HashKey(inner, outer);
    }

    public byte[] innerPad() {
        return innerPad.clone();
    }

    public byte[] outerPad() {
        return outerPad.clone();
    }

    @Override
    public String toString() {
        return "HashKey[****]";
    }
}
