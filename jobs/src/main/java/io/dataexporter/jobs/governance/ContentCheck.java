package io.dataexporter.jobs.governance;

import io.dataexporter.classification.transform.Masking;
import io.dataexporter.classification.transform.PiiScrubber;
import io.dataexporter.classification.transform.Placeholder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * A text column's sampled cells against the scrubber's detectors: a PII type found in at least the threshold share of
 * the cells is a finding, with two examples masked as REDACT masks them and cut to a line. Pure.
 */
final class ContentCheck {

    private static final int LONGEST_CELL_SCANNED = 10_000;

    private ContentCheck() {
    }

    static List<Finding> of(String column, List<String> cells, double threshold, FixStatements fixes) {
        Map<String, Integer> hits = new LinkedHashMap<>();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (String cell : cells) {
            String text = cell.length() > LONGEST_CELL_SCANNED ? cell.substring(0, LONGEST_CELL_SCANNED) : cell;
            String scrubbed = PiiScrubber.scrub(text);
            if (scrubbed == null || scrubbed.equals(text)) {
                continue;
            }
            Set<String> types = new TreeSet<>();
            Matcher matcher = Placeholder.ANY.matcher(scrubbed);
            while (matcher.find()) {
                types.add(matcher.group(1));
            }
            for (String type : types) {
                hits.merge(type, 1, Integer::sum);
                List<String> shown = examples.computeIfAbsent(type, key -> new ArrayList<>());
                if (shown.size() < 2) {
                    shown.add(ValueChecks.shown(Masking.redact(text)));
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        int sampled = cells.size();
        for (Map.Entry<String, Integer> hit : hits.entrySet()) {
            if (sampled > 0 && hit.getValue() >= threshold * sampled) {
                findings.add(new Finding(FindingKind.PII_IN_CLEAR_COLUMN, column, hit.getValue() + " of " + sampled + " sampled cells of " + column
                        + " hold " + hit.getKey() + ", e.g. " + String.join(" | ", examples.get(hit.getKey())),
                        fixes.setPiiType(column, Placeholder.named(hit.getKey()).map(Placeholder::piiType).orElseThrow())));
            }
        }
        return findings;
    }
}
