package org.affect4j.runs;

import org.affect4j.data.ExprClass;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The two figures of a run, as PNG (headless AWT): learning curves and the validation confusion matrix. */
public final class RunFigures {
    private RunFigures() {
    }

    /** Train and validation loss (left axis) and validation macro-F1 (right axis) per epoch. */
    public static void learningCurve(List<EpochMetrics> epochs, Path png) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Learning curve")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        List<Integer> x = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        List<Double> f1 = new ArrayList<>();
        for (EpochMetrics m : epochs) {
            x.add(m.epoch());
            train.add(m.trainLoss());
            val.add(Double.isFinite(m.validationLoss()) ? m.validationLoss() : 0);
            f1.add(m.macroF1());
        }
        chart.addSeries("train loss", x, train);
        chart.addSeries("validation loss", x, val);
        XYSeries s = chart.addSeries("validation macro-F1", x, f1);
        s.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "macro-F1");
        save(chart, png);
    }

    /** Row-normalised confusion matrix (gold rows, predicted columns), counts in the cell tooltips' values. */
    public static void confusion(long[][] cm, Path png) {
        List<String> names = ExprClass.names().subList(0, cm.length);
        HeatMapChart chart = new HeatMapChartBuilder().width(700).height(600).title("Validation confusion (row %)").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setPlotContentSize(1);
        List<Number[]> cells = new ArrayList<>();
        for (int g = 0; g < cm.length; g++) {
            long row = 0;
            for (long v : cm[g]) row += v;
            for (int p = 0; p < cm.length; p++) {
                cells.add(new Number[] {p, cm.length - 1 - g, row == 0 ? 0 : Math.round(100.0 * cm[g][p] / row)});
            }
        }
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        chart.addSeries("confusion", names, reversed, cells);
        save(chart, png);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) {
        System.setProperty("java.awt.headless", "true");
        try {
            String base = png.toString().replaceFirst("\\.png$", "");
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
