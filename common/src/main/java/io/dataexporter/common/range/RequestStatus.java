package io.dataexporter.common.range;

/** The statuses of {@code de_internal.request_table}, stored and reported exactly as API clients see them. */
public enum RequestStatus {
    IN_PROGRESS("In Progress"),
    COMPLETED("Completed"),
    FAILED("Failed"),
    NOT_REQUESTED("Request has not been requested");

    private final String text;

    RequestStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static RequestStatus fromText(String text) {
        for (RequestStatus status : values()) {
            if (status.text.equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown request status '" + text + "' in de_internal.request_table; expected In Progress, Completed or Failed");
    }
}
