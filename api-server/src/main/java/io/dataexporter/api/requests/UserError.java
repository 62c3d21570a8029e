package io.dataexporter.api.requests;

/** An error caused by the request, safe to show to the client as is. */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
