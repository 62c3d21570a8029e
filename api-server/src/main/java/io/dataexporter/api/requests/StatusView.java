package io.dataexporter.api.requests;

import java.util.Optional;

/** What requestStatus returns. */
public record StatusView(String status, double progress, Optional<String> dataRequestDownloadLinks, Optional<String> error,
                         Optional<String> linksExpireAt, Optional<String> linksWarning) {
}
