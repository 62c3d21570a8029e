package io.dataexporter.classification.policy;

import java.util.List;

/** The policy cannot be applied to a table; the table is not exported. Each problem names the table, the rule and the fix. */
public final class PolicyException extends RuntimeException {

    private final String table;
    private final List<String> problems;

    public PolicyException(String table, List<String> problems) {
        super(String.join("; ", problems));
        this.table = table;
        this.problems = List.copyOf(problems);
    }

    public String table() {
        return table;
    }

    public List<String> problems() {
        return problems;
    }
}
