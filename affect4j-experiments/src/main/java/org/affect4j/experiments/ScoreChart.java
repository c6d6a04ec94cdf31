package org.affect4j.experiments;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A bar chart PNG of mean validation macro-F1 per configuration, with the fold standard deviation as error bars. */
public final class ScoreChart {
    private ScoreChart() {
    }

    /**
     * Writes the chart (atomically: rendered to a temporary file, then renamed).
     *
     * @param title chart title
     * @param rows  the configurations; labels are joined with " / " under each bar
     */
    public static void write(String title, List<FoldScores> rows, Path png) {
        System.setProperty("java.awt.headless", "true");
        int width = Math.max(640, 90 * rows.size() + 200);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(480).title(title)
                .xAxisTitle("configuration").yAxisTitle("validation macro-F1 (mean over folds)").build();
        var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setXAxisLabelRotation(rows.size() > 4 ? 30 : 0);
        styler.setYAxisMin(0.0);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setYAxisDecimalPattern("0.00");
        styler.setLabelsVisible(true);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> names = rows.stream().map(r -> String.join(" / ", r.label())).toList();
        List<Double> means = rows.stream().map(r -> Double.isNaN(r.mean()) ? 0.0 : r.mean()).toList();
        List<Double> errors = rows.stream().map(r -> Double.isNaN(r.std()) ? 0.0 : r.std()).toList();
        chart.addSeries("macro-F1", names, means, errors);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), ".chart", ".png");
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            org.affect4j.util.AtomicFiles.moveIntoPlace(tmp, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png + ": " + e.getMessage(), e);
        }
    }
}
