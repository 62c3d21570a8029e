package io.dataexporter.classification.transform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.SparkTest;
import io.dataexporter.classification.policy.HashKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TreatmentsTest extends SparkTest {

    private static final StructType TEXT = new StructType().add("v", DataTypes.StringType);
    private static final HashKey KEY = HashKey.fromPepper("pepper-for-tests-0001");

    @Test
    void redact_lettersBecomeXDigitsZeroOthersStay() {
        assertFrameEquals(
                rows(new StructType().add("r", DataTypes.StringType), new Object[] {"Xxxxx Xxxxxx-00"}, new Object[] {null}),
                apply(Treatments.redact(col("v")), "Alice Nguyen-42", null));
    }

    @Test
    void redact_masksLettersAndDigitsOfEveryScript_andDropsCombiningMarks() {
        assertFrameEquals(
                rows(new StructType().add("r", DataTypes.StringType), new Object[] {"xxx"}, new Object[] {"xxxx xxx"}, new Object[] {"Xxxxx 00"},
                        new Object[] {"xxxx"}, new Object[] {"Xxxxxx"}, new Object[] {"Xxxxxx"}, new Object[] {"000-x"}),
                apply(Treatments.redact(col("v")), "王小明", "محمد علي", "Ωμέγα ٣٤", "नमस्ते", "Élodie", "E\u0301lodie", "１２３-ǅ".replace("ǅ", "ß")));
    }

    @Test
    void showFirst4AndLast4_maskCaselessScriptsToo() {
        assertFrameEquals(rows(new StructType().add("r", DataTypes.StringType), new Object[] {"王小明xxx"}, new Object[] {"xxxx李小龍王"}),
                apply(Treatments.showFirst4(col("v")), "王小明李小龍").union(apply(Treatments.showLast4(col("v")), "محمد李小龍王")));
    }

    @Test
    void hash_planShowsNoKeyMaterial() throws Exception {
        Dataset<Row> hashed = apply(Treatments.hash(col("v"), KEY), "ABC123");
        byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest("pepper-for-tests-0001".getBytes(StandardCharsets.UTF_8));
        String plan = hashed.queryExecution().toString().toLowerCase(java.util.Locale.ROOT);

        assertThat(plan).contains("de_keyed_hash(").doesNotContain(HexFormat.of().formatHex(key, 0, 8)).doesNotContain("pepper-for-tests")
                .doesNotContain(HexFormat.of().formatHex(new byte[] {(byte) (key[0] ^ 0x36), (byte) (key[1] ^ 0x36), (byte) (key[2] ^ 0x36)}));
        assertThat(KEY.toString()).isEqualTo("HashKey[****]");
    }

    @Test
    void showLast4_redactsAllButTheLastFour_andShortValuesWhole() {
        assertFrameEquals(
                rows(new StructType().add("r", DataTypes.StringType), new Object[] {"XX-00005678"}, new Object[] {"Xx0"}, new Object[] {"Xx00"}),
                apply(Treatments.showLast4(col("v")), "SN-12345678", "Ab1", "Ab12"));
    }

    @Test
    void showFirst4_keepsTheFirstFour() {
        assertFrameEquals(
                rows(new StructType().add("r", DataTypes.StringType), new Object[] {"0412 000 000"}, new Object[] {"0000"}),
                apply(Treatments.showFirst4(col("v")), "0412 345 678", "1234"));
    }

    @Test
    void scrubFreeText_replacesEmailsPhonesIpsAndPlates() {
        Dataset<Row> scrubbed = apply(Treatments.scrubFreeText(col("v")),
                "Vehicle ABC123 stopped; operator alice.nguyen@ops.example.com notified",
                "Caller on +61 412 345 678 reported debris",
                "Caller on 0412 345 678 again",
                "Feed from 10.1.2.3 dropped for 30 s",
                "Plate 1AB2CD seen; contact x@y.org or 0499 000 111",
                "Routine check, no issues");
        assertFrameEquals(rows(new StructType().add("r", DataTypes.StringType),
                new Object[] {"Vehicle <PLATE> stopped; operator <EMAIL> notified"},
                new Object[] {"Caller on <PHONE> reported debris"},
                new Object[] {"Caller on <PHONE> again"},
                new Object[] {"Feed from <IP> dropped for 30 s"},
                new Object[] {"Plate <PLATE> seen; contact <EMAIL> or <PHONE>"},
                new Object[] {"Routine check, no issues"}), scrubbed);
    }

    @Test
    void hash_isHmacSha256OfTheTextUnderThePepperDerivedKey() throws Exception {
        Row row = apply(Treatments.hash(col("v"), KEY), "ABC123").first();
        Mac mac = Mac.getInstance("HmacSHA256");
        byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest("pepper-for-tests-0001".getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("ABC123".getBytes(StandardCharsets.UTF_8)));

        assertThat(row.getString(0)).isEqualTo(expected).hasSize(64).doesNotContain("ABC123");
    }

    @Test
    void hash_sameValueSamePepper_sameOutputAcrossKeys_otherPepperDiffers() {
        String first = apply(Treatments.hash(col("v"), HashKey.fromPepper("pepper-for-tests-0001")), "ABC123").first().getString(0);
        String again = apply(Treatments.hash(col("v"), HashKey.fromPepper("pepper-for-tests-0001")), "ABC123").first().getString(0);
        String other = apply(Treatments.hash(col("v"), HashKey.fromPepper("pepper-for-tests-0002")), "ABC123").first().getString(0);
        Row nulls = apply(Treatments.hash(col("v"), KEY), (String) null).first();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(nulls.isNullAt(0)).isTrue();
    }

    @Test
    void expandGzip_restoresTheText() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write("{\"type\":\"LineString\"}".getBytes(StandardCharsets.UTF_8));
        }
        String encoded = java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());

        assertFrameEquals(rows(new StructType().add("r", DataTypes.StringType), new Object[] {"{\"type\":\"LineString\"}"}, new Object[] {null}),
                apply(Treatments.expandGzip(col("v")), encoded, null));
    }

    @Test
    void expandGzip_ofABombOrOfNoGzipAtAll_withholdsTheCell_andTheOthersExpand() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= GunzipFunction.MAX_EXPANDED_BYTES >> 20; i++) {
                gzip.write(zeros);
            }
        }
        String bomb = java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
        String plain = java.util.Base64.getEncoder().encodeToString("not gzip".getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream small = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(small)) {
            gzip.write("ok".getBytes(StandardCharsets.UTF_8));
        }

        assertFrameEquals(rows(new StructType().add("r", DataTypes.StringType), new Object[] {null}, new Object[] {null}, new Object[] {"ok"}),
                apply(Treatments.expandGzip(col("v")), bomb, plain, java.util.Base64.getEncoder().encodeToString(small.toByteArray())));
    }

    private Dataset<Row> apply(Column expression, String... values) {
        Object[][] rows = java.util.Arrays.stream(values).map(v -> new Object[] {v}).toArray(Object[][]::new);
        return rows(TEXT, rows).select(expression.as("r"));
    }
}
