package io.dataexporter.classification.policy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the keyed hash (HMAC-SHA256), derived from the secret pepper as SHA-256 of its UTF-8 bytes. The pepper is
 * not kept, and the key never leaves this object: it hashes values itself, so no plan, log or {@code toString} can
 * show it. It travels to Spark's executors inside the task (serialised), never as text.
 */
public final class HashKey implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private transient volatile ThreadLocal<Mac> macs;

    private HashKey(byte[] key) {
        this.key = key;
    }

    /** Derives the key from a pepper; the pepper must be at least 16 characters. */
    public static HashKey fromPepper(String pepper) {
        if (pepper == null || pepper.length() < 16) {
            throw new IllegalArgumentException("The hash pepper must be at least 16 characters (it is "
                    + (pepper == null ? "missing" : pepper.length() + " characters") + "); set a longer DATA_EXPORTER_HASH_PEPPER");
        }
        try {
            return new HashKey(MessageDigest.getInstance("SHA-256").digest(pepper.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of the text's UTF-8 bytes under this key, as 64 lower-case hex digits. */
    public String hmacHex(String text) {
        return HexFormat.of().formatHex(mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        ThreadLocal<Mac> local = macs;
        if (local == null) {
            synchronized (this) {
                if (macs == null) {
                    macs = ThreadLocal.withInitial(this::newMac);
                }
                local = macs;
            }
        }
        return local.get();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot initialise " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "HashKey[****]";
    }
}
