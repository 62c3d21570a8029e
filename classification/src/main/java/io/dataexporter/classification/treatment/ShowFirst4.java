package io.dataexporter.classification.treatment;

import static io.dataexporter.classification.expr.Expr.call;
import static io.dataexporter.classification.expr.Expr.lit;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.transform.Treatments;
import org.apache.spark.sql.Column;

/** {@code SHOW_FIRST_4}: all but the first four characters masked (half of a shorter text); four or fewer masked whole. */
final class ShowFirst4 extends Mask {

    @Override
    public String code() {
        return "SHOW_FIRST_4";
    }

    @Override
    Expr premask(Expr text) {
        return wholeIfShort(text, call(Fn.CONCAT, call(Fn.LEFT, text, shown(text)),
                maskAscii(call(Fn.SUBSTRING_FROM, text, call(Fn.PLUS, shown(text), lit(1))))));
    }

    @Override
    Column mask(Column text) {
        return Treatments.showFirst4(text);
    }
}
