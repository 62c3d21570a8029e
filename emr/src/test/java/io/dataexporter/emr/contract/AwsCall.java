package io.dataexporter.emr.contract;

import java.util.Map;

/**
 * One AWS request as IAM authorizes it: who made it (the identity whose policy applies), the IAM action, the resource
 * ARN, and the request's condition keys; {@code request} is what was sent, for the failure message.
 */
record AwsCall(String identity, String action, String resource, Map<String, String> context, String request) {

    @Override
    public String toString() {
        return identity + ": " + action + " on " + resource + (context.isEmpty() ? "" : " " + context) + " (" + request + ")";
    }
}
