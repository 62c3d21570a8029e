package io.dataexporter.classification.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    // the definition of REDACT as four regular-expression passes: what the one pass must equal
    private static String redactByPatterns(String text) {
        // letters by their case, numbers, marks dropped; then what else Unicode calls alphabetic (circled letters are symbols)
        return text.replaceAll("[\\p{L}&&[^\\p{Lu}\\p{Lt}]]", "x").replaceAll("[\\p{Lu}\\p{Lt}]", "X").replaceAll("\\p{N}", "0").replaceAll("\\p{M}", "")
                .replaceAll("[\\p{IsAlphabetic}&&\\p{IsUppercase}]", "X").replaceAll("[\\p{IsAlphabetic}&&[^\\p{IsUppercase}]]", "x");
    }

    @Test
    void redact_everyCodePoint_equalsTheFourPatternPasses() {
        int differing = 0;
        StringBuilder all = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            String one = new String(Character.toChars(codePoint));
            if (!Masking.redact(one).equals(redactByPatterns(one))) {
                differing++;
            }
            if (codePoint % 97 == 0) {
                all.appendCodePoint(codePoint);
            }
        }
        assertThat(differing).isZero();
        assertThat(Masking.redact(all.toString())).isEqualTo(redactByPatterns(all.toString()));
    }

    @Test
    void redact_examples() {
        assertThat(Masking.redact("Alice Nguyen-42")).isEqualTo("Xxxxx Xxxxxx-00");
        assertThat(Masking.redact("E\u0301lodie 𝟗")).isEqualTo("Xxxxxx 0");
        assertThat(Masking.redact("")).isEmpty();
        assertThat(Masking.redact(null)).isNull();
    }

    // the warehouse's part (SqlDialect.premask): ASCII letters and digits only, by translate
    private static String asciiMasked(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append((char) (c >= 'a' && c <= 'z' ? 'x' : c >= 'A' && c <= 'Z' ? 'X' : c >= '0' && c <= '9' ? '0' : c)));
        return out.toString();
    }

    @Test
    void masking_afterTheWarehousesAsciiMasks_givesWhatMaskingAloneGives() {
        for (String text : List.of("Alice Nguyen-42", "E\u0301lodie 𝟗", "ǅemal 12", "SN-12345678", "ABC12", "王小明李小龍 7", "Ⓙⓞⓗⓝ 9", "ab𝟗𝟗𝟗𝟗", "")) {
            int length = text.codePointCount(0, text.length());
            int shown = Masking.shown(length);
            int cut = text.offsetByCodePoints(0, length - shown);
            int head = text.offsetByCodePoints(0, shown);
            String lastPremasked = shown == 0 ? asciiMasked(text) : asciiMasked(text.substring(0, cut)) + text.substring(cut);
            String firstPremasked = shown == 0 ? asciiMasked(text) : text.substring(0, head) + asciiMasked(text.substring(head));
            assertThat(Masking.redact(asciiMasked(text))).as(text).isEqualTo(Masking.redact(text));
            assertThat(Masking.showLast4(lastPremasked)).as(text).isEqualTo(Masking.showLast4(text));
            assertThat(Masking.showFirst4(firstPremasked)).as(text).isEqualTo(Masking.showFirst4(text));
        }
    }

    @Test
    void redact_masksLettersUnicodeClassesAsSymbols() {
        assertThat(Masking.redact("Ⓙⓞⓗⓝ 🄹")).isEqualTo("Xxxx X");
    }

    @Test
    void showLast4AndFirst4_countCodePoints_showAtMostHalf_andMaskShortValuesWhole() {
        assertThat(Masking.showLast4("SN-12345678")).isEqualTo("XX-00005678");
        assertThat(Masking.showFirst4("SN-12345678")).isEqualTo("SN-10000000");
        assertThat(Masking.showLast4("Ab12")).isEqualTo("Xx00");
        assertThat(Masking.showFirst4("Ab1")).isEqualTo("Xx0");
        // at least half stays hidden: five code points show two, six show three, eight and more show four
        assertThat(Masking.showLast4("Q𝟗𝟗𝟗𝟗")).isEqualTo("X00𝟗𝟗");
        assertThat(Masking.showLast4("ABC12")).isEqualTo("XXX12");
        assertThat(Masking.showLast4("ab𝟗𝟗𝟗𝟗")).isEqualTo("xx0𝟗𝟗𝟗");
        assertThat(Masking.showFirst4("𝟗𝟗𝟗𝟗ab")).isEqualTo("𝟗𝟗𝟗0xx");
        assertThat(Masking.showFirst4("ABCD1234")).isEqualTo("ABCD0000");
        assertThat(Masking.showLast4(null)).isNull();
        assertThat(Masking.showFirst4(null)).isNull();
    }
}
