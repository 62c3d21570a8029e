package io.dataexporter.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer-token check against configured SHA-256 hashes, each naming a client: the server never holds a token in
 * clear, and knows which client called (for the audit log, the request row and the per-client limit).
 */
public final class BearerAuth {

    private final Map<String, String> clientsByHash;

    /** @param clientsByHash client name by the SHA-256 hex of its token */
    public BearerAuth(Map<String, String> clientsByHash) {
        this.clientsByHash = Map.copyOf(clientsByHash);
    }

    /** The client the header's token belongs to; empty when the header is missing or the token unknown. */
    public Optional<String> client(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(7).strip()).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (Map.Entry<String, String> entry : clientsByHash.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getKey().getBytes(StandardCharsets.US_ASCII))) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
