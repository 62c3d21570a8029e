package io.dataexporter.common.config;

/** No local stack answers where the caller looked; the message says how to start one. */
public final class StackNotRunningException extends RuntimeException {
    public StackNotRunningException(String message) {
        super(message);
    }
}
