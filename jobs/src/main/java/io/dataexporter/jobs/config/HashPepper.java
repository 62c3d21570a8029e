package io.dataexporter.jobs.config;

import io.dataexporter.classification.policy.HashKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The hash pepper for CLI runs: {@code DATA_EXPORTER_HASH_PEPPER} if set; otherwise, against the local stack, a random
 * development pepper kept in {@code D/hash-pepper} (owner-only), so that local runs hash the same way every day.
 */
public final class HashPepper {

    public static final String ENVIRONMENT_VARIABLE = "DATA_EXPORTER_HASH_PEPPER";
    public static final String LOCAL_FILE = "hash-pepper";

    private HashPepper() {
    }

    public static Optional<HashKey> resolve(Map<String, String> environment, Path stackDirectory) {
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(HashKey.fromPepper(fromEnvironment));
        }
        return Optional.of(HashKey.fromPepper(localPepper(stackDirectory.resolve(LOCAL_FILE))));
    }

    public static String localPepper(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String pepper = HexFormat.of().formatHex(random);
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            // owner-only from its creation (no moment in which another user could read it), then moved into place whole
            Path written = Files.createTempFile(folder, LOCAL_FILE + "-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(written, pepper);
            Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return pepper;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local hash pepper " + file + ": " + e.getMessage(), e);
        }
    }
}
