package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCacheTest {

    @Test
    void aRepeatedValueIsComputedOnce_andEveryResultIsTheFunctions() {
        List<String> computed = new ArrayList<>();
        ValueCache cache = new ValueCache(value -> {
            computed.add(value);
            return value == null || value.startsWith("drop") ? null : "<" + value + ">";
        });

        assertThat(cache.apply("Lane 2 closed")).isEqualTo("<Lane 2 closed>");
        assertThat(cache.apply("Lane 2 closed")).isEqualTo("<Lane 2 closed>");
        assertThat(cache.apply("drop me")).isNull();
        assertThat(cache.apply("drop me")).isNull();
        assertThat(cache.apply(null)).isNull();
        assertThat(cache.apply(null)).isNull();
        // NULL is not a value to keep, and a value longer than the cap is computed each time
        String longText = "x".repeat(ValueCache.LONGEST_KEY + 1);
        assertThat(cache.apply(longText)).isEqualTo("<" + longText + ">");
        assertThat(cache.apply(longText)).isEqualTo("<" + longText + ">");
        assertThat(computed).containsExactly("Lane 2 closed", "drop me", null, null, longText, longText);
    }

    @Test
    void valuesThatShareASlot_replaceEachOther_andStayCorrect() {
        // "Aa" and "BB" have the same hashCode, so the same slot
        List<String> computed = new ArrayList<>();
        ValueCache cache = new ValueCache(value -> {
            computed.add(value);
            return value.toLowerCase(java.util.Locale.ROOT);
        });

        assertThat(List.of(cache.apply("Aa"), cache.apply("BB"), cache.apply("Aa"), cache.apply("Aa"))).containsExactly("aa", "bb", "aa", "aa");
        assertThat(computed).containsExactly("Aa", "BB", "Aa");
    }

    @Test
    void eachThreadHasItsOwnTable() throws Exception {
        List<String> computed = java.util.Collections.synchronizedList(new ArrayList<>());
        ValueCache cache = new ValueCache(value -> {
            computed.add(Thread.currentThread().getName());
            return value;
        });
        cache.apply("same");
        Thread other = new Thread(() -> cache.apply("same"), "other");
        other.start();
        other.join();
        cache.apply("same");

        assertThat(computed).containsExactly(Thread.currentThread().getName(), "other");
    }

    @Test
    void theScrubberThroughTheCache_givesTheScrubbersOwnResults() {
        ValueCache cache = new ValueCache(PiiScrubber::scrub);
        List<String> cells = List.of("Caller on 0412 345 678 reported debris", "Mail ops1@roads.example.com about lane 3", "Lane 2 closed until 13:00",
                "Caller on 0412 345 678 reported debris", "plate ABC-123 seen", "x".repeat(2_000_000));
        for (int round = 0; round < 2; round++) {
            for (String cell : cells) {
                assertThat(cache.apply(cell)).isEqualTo(PiiScrubber.scrub(cell));
            }
        }
        assertThat(cache.apply("Caller on 0412 345 678 reported debris")).isEqualTo("Caller on <PHONE> reported debris");
        assertThat(cache.apply("x".repeat(2_000_000))).isNull();
    }
}
