package io.dataexporter.classification.treatment;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.transform.Treatments;
import org.apache.spark.sql.Column;

/** {@code REDACT}: every letter and digit of any script masked ({@code x}, {@code X}, {@code 0}), combining marks dropped. */
final class Redact extends Mask {

    @Override
    public String code() {
        return "REDACT";
    }

    @Override
    Expr premask(Expr text) {
        return maskAscii(text);
    }

    @Override
    Column mask(Column text) {
        return Treatments.redact(text);
    }
}
