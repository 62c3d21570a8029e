package io.dataexporter.api.links;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Signs download links to objects of the export bucket. */
public interface UrlSigner {

    /** A presigned HTTPS GET link to the object, valid for {@code ttl}. */
    String sign(String key, Duration ttl);

    /** When the signing credentials expire, if they do (temporary credentials); links stop working then. */
    Optional<Instant> credentialsExpiry();
}
