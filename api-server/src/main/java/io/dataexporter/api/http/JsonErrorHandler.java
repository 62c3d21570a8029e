package io.dataexporter.api.http;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a request it cannot parse, headers over the limit, a URI too long) as the API's JSON errors
 * rather than Jetty's HTML page; nothing of the request is echoed.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attribute = request.getAttribute(ERROR_STATUS);
        int status = attribute instanceof Integer code ? code : response.getStatus() >= 400 ? response.getStatus() : 500;
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Responses.sendErrors(response, callback, status, message(status));
        return true;
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "Bad request: the HTTP request could not be parsed; send POST /graphql with a JSON body";
            case 414 -> "Request URI too long; the API answers on POST /graphql";
            case 431 -> "Request headers too large (at most 16 KiB in all); send only Authorization and Content-Type";
            default -> HttpStatus.getMessage(status);
        };
    }
}
