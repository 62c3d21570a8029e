package io.dataexporter.classification.plan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.dataexporter.classification.policy.Classification;
import io.dataexporter.classification.policy.HashKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The plan's transform with the cells it withholds counted by reason as the rows pass ({@link TablePlan#WITHHELD_REASONS}),
 * as Spark's observed metrics: no second pass, no second read.
 */
final class WithheldCells {

    private WithheldCells() {
    }

    static Dataset<Row> counted(Dataset<Row> warehouseRows, String metricsName, List<CellRecipe> recipes, List<String> classes, HashKey hashKey) {
        List<Column> items = new ArrayList<>(recipes.stream().map(recipe -> recipe.output(hashKey)).toList());
        List<String> helpers = new ArrayList<>();
        classes.forEach(name -> {
            items.add(col(name));
            helpers.add(name);
        });
        Column none = lit(0);
        Column unknown = none;
        Column de = none;
        Column metricRule = none;
        Column overLimits = none;
        for (int i = 0; i < recipes.size(); i++) {
            CellRecipe recipe = recipes.get(i);
            if (!recipe.level().isConstant() && !classes.isEmpty()) {
                Column withheld = recipe.level().asColumn().equalTo(CellLevel.NULL);
                Column source = col(CellLevel.SOURCE_CLASS);
                unknown = unknown.plus(when(withheld.and(source.equalTo(CellLevel.UNKNOWN_CLASS)), 1).otherwise(0));
                de = de.plus(when(withheld.and(source.equalTo(Classification.DE.number())), 1).otherwise(0));
                metricRule = metricRule.plus(when(withheld.and(source.notEqual(CellLevel.UNKNOWN_CLASS))
                        .and(source.notEqual(Classification.DE.number())), 1).otherwise(0));
            }
            if (recipe.readsWarehouse() && recipe.mayWithholdOverLimits()) {
                String present = "de_present_" + i;
                items.add(col(recipe.column()).isNotNull().as(present));
                helpers.add(present);
                overLimits = overLimits.plus(when(col(present).and(col(recipe.output()).isNull()), 1).otherwise(0));
            }
        }
        Dataset<Row> counted = warehouseRows.select(items.toArray(Column[]::new)).observe(metricsName,
                sum(unknown).cast("long").as(TablePlan.WITHHELD_REASONS.get(0)), sum(de).cast("long").as(TablePlan.WITHHELD_REASONS.get(1)),
                sum(metricRule).cast("long").as(TablePlan.WITHHELD_REASONS.get(2)), sum(overLimits).cast("long").as(TablePlan.WITHHELD_REASONS.get(3)));
        return counted.drop(helpers.toArray(String[]::new));
    }
}
