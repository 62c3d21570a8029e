package io.dataexporter.api.http;

import io.dataexporter.api.audit.AuditTrail;
import java.util.UUID;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Refusals before GraphQL runs (401, 408, 413) and the limits GraphQL or the response hit: audited, each with a reference. */
final class Refusals {

    private final AuditTrail audit;

    Refusals(AuditTrail audit) {
        this.audit = audit;
    }

    /** Answers a refusal, recorded in the audit trail with the caller's address and a reference the response carries. */
    void refuse(Request request, Response response, Callback callback, int status, String message) {
        Responses.sendErrors(response, callback, status, record(request, response, status, message));
    }

    /** Records a refusal whose answer the caller sends; returns the message. */
    String record(Request request, Response response, int status, String message) {
        String reference = UUID.randomUUID().toString();
        audit.refused(new AuditTrail.Refusal(Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request), reference, status, message));
        response.getHeaders().put("X-Request-Id", reference);
        return message;
    }
}
