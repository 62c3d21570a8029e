package io.dataexporter.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** Bearer-token check against configured SHA-256 hashes: the server never holds a token in clear. */
public final class BearerAuth {

    private final Set<String> tokenHashes;

    public BearerAuth(Set<String> tokenHashes) {
        this.tokenHashes = Set.copyOf(tokenHashes);
    }

    public boolean allows(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = sha256(authorizationHeader.substring(7).strip()).getBytes(StandardCharsets.US_ASCII);
        boolean allowed = false;
        for (String hash : tokenHashes) {
            allowed |= MessageDigest.isEqual(presented, hash.getBytes(StandardCharsets.US_ASCII));
        }
        return allowed;
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
