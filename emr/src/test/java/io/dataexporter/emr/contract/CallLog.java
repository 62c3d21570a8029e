package io.dataexporter.emr.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The AWS calls recorded so far, from every endpoint that records them. */
final class CallLog {

    private final List<AwsCall> calls = new CopyOnWriteArrayList<>();

    void record(String identity, String action, String resource, Map<String, String> context, String request) {
        calls.add(new AwsCall(identity, action, resource, Map.copyOf(context), request));
    }

    List<AwsCall> calls() {
        return List.copyOf(calls);
    }
}
