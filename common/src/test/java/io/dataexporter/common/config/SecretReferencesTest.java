package io.dataexporter.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class SecretReferencesTest {

    private static final String ARN = "arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:data-exporter/pepper-MnOpQr";

    @Test
    void aPlainStringReadAsJson_failsNamingTheSettingAndTheFix_andNoMessageOrCauseHoldsTheValue() {
        String pepper = "tOp-secret-pepper-value-0123";
        SecretReferences secrets = new SecretReferences(arn -> pepper);

        Throwable error = catchThrowable(() -> secrets.resolve("hash.pepper", ARN + "#pepper"));

        assertThat(error).hasMessage("Setting 'hash.pepper' refers to key 'pepper' of Secrets Manager secret " + ARN
                + ", whose value is not JSON; drop '#pepper' to use the whole string").hasNoCause();
        java.io.StringWriter trace = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("tOp-secret").doesNotContain("pepper-value");
        // a JSON value that is not an object has no keys: the same kind of message, never the value
        assertThat(catchThrowable(() -> new SecretReferences(arn -> "98765432109876543210").resolve("hash.pepper", ARN + "#pepper")))
                .hasMessageNotContaining("9876543210");
        assertThat(secrets.resolve("hash.pepper", ARN)).isEqualTo(pepper);
    }
}
