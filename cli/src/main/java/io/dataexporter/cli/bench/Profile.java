package io.dataexporter.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder profile of one run of a piece of work: CPU samples every 10 ms, written to a {@code .jfr} file
 * (for JDK Mission Control or {@code jfr print}) and summarised by thread kind: Spark's task threads (the executor's
 * work: read, transform, write) and the rest (the driver: planning, the commit, the governance scan). For each, the
 * methods most often on top of the stack (where the CPU is) and the product's own methods most often on the stack
 * (what the time is spent for).
 */
final class Profile {

    private static final String EXECUTOR_THREAD = "Executor task launch worker";
    private static final int TOP = 10;

    private final Map<String, Map<String, Integer>> selfByKind = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> productByKind = new LinkedHashMap<>();
    private final Map<String, Integer> samplesByKind = new LinkedHashMap<>();

    interface Work {
        void run() throws Exception;
    }

    /** Records {@code work} into {@code file} and reads the samples back. */
    static Profile record(Path file, Work work) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10)).withStackTrace();
            recording.start();
            try {
                work.run();
            } finally {
                recording.stop();
                recording.dump(file);
            }
        }
        Profile profile = new Profile();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                profile.add(event);
            }
        }
        return profile;
    }

    private void add(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        String thread = event.getThread("sampledThread") == null ? "" : String.valueOf(event.getThread("sampledThread").getJavaName());
        String kind = thread.startsWith(EXECUTOR_THREAD) ? "executor" : "driver";
        samplesByKind.merge(kind, 1, Integer::sum);
        List<RecordedFrame> frames = stack.getFrames();
        selfByKind.computeIfAbsent(kind, k -> new HashMap<>()).merge(name(frames.get(0)), 1, Integer::sum);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (name.startsWith("io.dataexporter.") && seen.add(name)) {
                productByKind.computeIfAbsent(kind, k -> new HashMap<>()).merge(name, 1, Integer::sum);
            }
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The summary as markdown tables. */
    void print(PrintWriter out) {
        for (Map.Entry<String, Integer> kind : samplesByKind.entrySet()) {
            out.printf(Locale.ROOT, "%n%s threads: %,d samples (10 ms each)%n%n| on top of the stack (self) | share |%n| --- | ---: |%n", kind.getKey(),
                    kind.getValue());
            top(selfByKind.get(kind.getKey())).forEach(entry -> out.printf(Locale.ROOT, "| %s | %.1f%% |%n", entry.getKey(),
                    100.0 * entry.getValue() / kind.getValue()));
            Map<String, Integer> product = productByKind.getOrDefault(kind.getKey(), Map.of());
            if (!product.isEmpty()) {
                out.printf(Locale.ROOT, "%n| the product's methods on the stack (total) | share |%n| --- | ---: |%n");
                top(product).forEach(entry -> out.printf(Locale.ROOT, "| %s | %.1f%% |%n", entry.getKey(), 100.0 * entry.getValue() / kind.getValue()));
            }
        }
        out.flush();
    }

    /** The summary as JSON: per thread kind its samples and top frames with their shares. */
    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Integer> kind : samplesByKind.entrySet()) {
            ObjectNode node = json.putObject(kind.getKey()).put("samples", kind.getValue());
            frames(node.putArray("self"), selfByKind.get(kind.getKey()), kind.getValue());
            frames(node.putArray("product"), productByKind.getOrDefault(kind.getKey(), Map.of()), kind.getValue());
        }
        return json;
    }

    private static void frames(ArrayNode json, Map<String, Integer> counts, int samples) {
        top(counts).forEach(entry -> json.addObject().put("frame", entry.getKey()).put("share", Math.round(10_000.0 * entry.getValue() / samples) / 10_000.0));
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).toList();
    }
}
