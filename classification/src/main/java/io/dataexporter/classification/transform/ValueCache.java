package io.dataexporter.classification.transform;

import java.util.function.UnaryOperator;

/**
 * A treatment computed once per value instead of once per cell: a direct-mapped table of the last results, one per
 * thread (Spark runs one task per thread), so that values that repeat (the same message, the same plate) are scrubbed
 * or hashed once while they are seen. Bounded by design: {@value #SLOTS} slots per thread, and only values of at most
 * {@value #LONGEST_KEY} characters are kept (longer ones are computed every time), so a thread holds at most a few MB.
 * A slot is overwritten by the next value that maps to it; the result of a value is the function's, whether it came
 * from the table or not.
 */
final class ValueCache {

    static final int SLOTS = 4096;
    static final int LONGEST_KEY = 256;
    private static final Object NULL = new Object();

    private final UnaryOperator<String> function;
    private final ThreadLocal<Object[][]> tables = ThreadLocal.withInitial(() -> new Object[][] {new Object[SLOTS], new Object[SLOTS]});

    ValueCache(UnaryOperator<String> function) {
        this.function = function;
    }

    String apply(String value) {
        if (value == null || value.length() > LONGEST_KEY) {
            return function.apply(value);
        }
        Object[][] table = tables.get();
        int hash = value.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        if (value.equals(table[0][slot])) {
            Object result = table[1][slot];
            return result == NULL ? null : (String) result;
        }
        String result = function.apply(value);
        table[0][slot] = value;
        table[1][slot] = result == null ? NULL : result;
        return result;
    }
}
