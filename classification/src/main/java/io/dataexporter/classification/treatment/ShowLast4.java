package io.dataexporter.classification.treatment;

import static io.dataexporter.classification.expr.Expr.call;

import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.Fn;
import io.dataexporter.classification.transform.Treatments;
import org.apache.spark.sql.Column;

/** {@code SHOW_LAST_4}: all but the last four characters masked (half of a shorter text); four or fewer masked whole. */
final class ShowLast4 extends Mask {

    @Override
    public String code() {
        return "SHOW_LAST_4";
    }

    @Override
    Expr premask(Expr text) {
        return wholeIfShort(text, call(Fn.CONCAT, maskAscii(call(Fn.LEFT, text, call(Fn.MINUS, length(text), shown(text)))),
                call(Fn.RIGHT, text, shown(text))));
    }

    @Override
    Column mask(Column text) {
        return Treatments.showLast4(text);
    }
}
