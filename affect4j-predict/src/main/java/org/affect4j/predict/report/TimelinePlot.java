package org.affect4j.predict.report;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.util.AtomicFiles;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws {@code timeline.png} with XChart: the 8 class probabilities over time (x in seconds) as lines, one fixed
 * colour per class ({@link ClassColors}), light grey spans where no face was found, and under the zero line a strip
 * coloured by the chosen label of each moment, in the same plot so that it shares the lines' time axis exactly. The
 * legend names the colours. Frames without a label (neither a face nor speech) are blank: the lines break there and
 * the strip is left white. Shaded spans and strip are XChart step-area series (an area fills down to zero, so the
 * strip hangs below it on the axis's negative part, whose tick labels are hidden); nothing is drawn by hand.
 *
 * <p>Any length draws in about the same time: the lines are averaged into at most {@value #MAX_POINTS} points, and
 * the strip and shading take the most frequent value per bin of about a pixel, so a label that flickers frame by
 * frame still shows instead of vanishing between pixels.
 */
public final class TimelinePlot {
    /** Smallest image that still fits the legend, an axis and the strip. */
    public static final int MIN_WIDTH = 320, MIN_HEIGHT = 200;
    /** Most points per class line; longer tracks are averaged into this many consecutive bins. */
    static final int MAX_POINTS = 4000;

    /** Strip height in pixels (about), and the room XChart's title, axis labels and padding take vertically. */
    private static final int STRIP_PIXELS = 16, CHROME_PIXELS = 110;
    private static final Color TEXT = new Color(0x222222), AXIS = new Color(0x666666), GRID = new Color(0xC8C8C8);

    static {
        // predict runs on servers without a display; rendering into an image never needs one
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private TimelinePlot() {
    }

    /**
     * Draws and encodes a small empty chart and throws it away: loads XChart, Java2D, the fonts and the PNG writer
     * (~0.4 s of a {@code predict} start, README "Speed") so that a background thread can do it while the video is
     * worked on. Nothing the real plot draws depends on it (the same bytes either way, {@code TimelinePlotTest}).
     */
    public static void warmUp() {
        XYChart chart = new XYChartBuilder().width(MIN_WIDTH).height(MIN_HEIGHT).xAxisTitle("time (s)")
                .yAxisTitle("probability").title("warm-up").build();
        style(chart, 1, -0.05, 1);
        chart.addSeries("warm-up", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        try {
            png(BitmapEncoder.getBufferedImage(chart), java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Writes the timeline of {@code track} as a PNG of {@code width} x {@code height} pixels, atomically.
     *
     * @throws IllegalArgumentException if the size is below {@link #MIN_WIDTH} x {@link #MIN_HEIGHT}
     */
    public static void write(ExpressionTrack track, Path file, int width, int height) {
        BufferedImage image = render(track, width, height);
        AtomicFiles.write(file, out -> png(image, out));
    }

    /**
     * Encodes a PNG with fast compression: the default (highest) level took ~50 ms for a 1400x520 timeline, at the end
     * of every {@code predict}'s critical path; this level ~21 ms, for ~30 KB instead of ~22 KB.
     */
    private static void png(BufferedImage image, java.io.OutputStream out) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(out)) {
            w.setOutput(os);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.9f); // the writer's deflate level 1 of 9
            w.write(null, new IIOImage(image, null, null), p);
        } finally {
            w.dispose();
        }
    }

    /** Draws the timeline into a new image. */
    static BufferedImage render(ExpressionTrack track, int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("a timeline of " + width + "x" + height + " pixels is too small; use at least "
                    + MIN_WIDTH + "x" + MIN_HEIGHT);
        }
        return BitmapEncoder.getBufferedImage(chart(track, width, height));
    }

    /** The chart: shaded no-face spans first (behind), then the class lines, then the label strip. */
    static XYChart chart(ExpressionTrack track, int width, int height) {
        int n = track.frames();
        double duration = Math.max(n, 1) / track.fps(); // an empty track still gets a one-frame axis
        FrameBins points = new FrameBins(n, Math.max(1, Math.min(n, MAX_POINTS)));
        double[][] means = track.predictions().hasProbabilities() && n > 0 ? binMeans(track.predictions(), points) : null;
        double yMax = 1;
        if (means != null) for (double[] line : means) for (double v : line) if (!Double.isNaN(v)) yMax = Math.max(yMax, v);
        // softmax outputs stay in [0, 1]; unnormalised scores widen the axis instead of clipping
        double strip = yMax * Math.max(0.05, (double) STRIP_PIXELS / Math.max(1, height - CHROME_PIXELS));

        XYChart chart = new XYChartBuilder().width(width).height(height).xAxisTitle("time (s)").yAxisTitle("probability")
                .title(title(track)).build();
        style(chart, duration, -strip, yMax);
        // strip and shading: the most frequent value per bin of about a pixel column (drawn without anti-aliasing,
        // which would blend a one-column run into its neighbours)
        FrameBins columns = new FrameBins(n, Math.max(1, Math.min(n, width)));
        boolean[] face = track.faceFound();
        int[] noFace = n == 0 ? new int[0] : columns.modes(i -> face[i] ? 0 : 1, 2);
        steps(chart, "face gaps", noFace, 1, columns, track.fps(), yMax, ClassColors.NO_FACE);
        // XChart's legend draws an area series by its line, which the shading has none of: a legend-only entry (no
        // point to draw) with a wide stroke of the shading's colour names it
        XYSeries key = chart.addSeries("no face found", new double[]{0}, new double[]{Double.NaN});
        key.setMarker(SeriesMarkers.NONE).setLineColor(ClassColors.NO_FACE);
        key.setLineStyle(new BasicStroke(8f));
        if (means != null && track.predictions().labelledFrames() > 0) {
            for (int c = 0; c < ExprClass.COUNT; c++) line(chart, c, means[c], points, track.fps(), duration);
        } else {
            String message = n == 0 ? "no frames" : track.predictions().labelledFrames() == 0
                    ? "no label: neither a face nor speech in any frame" : "labels only: the model gave no class probabilities";
            chart.addAnnotation(new AnnotationText(message, duration / 2, yMax / 2, false));
        }
        FramePredictions p = track.predictions();
        // category 0 is "no label" (-1), so labels shift by one; "no label" stays white
        int[] labels = n == 0 ? new int[0] : columns.modes(i -> p.label(i) + 1, ExprClass.COUNT + 1);
        for (int c = 0; c < ExprClass.COUNT; c++) {
            steps(chart, "label " + ExprClass.names().get(c), labels, c + 1, columns, track.fps(), -strip, ClassColors.color(c));
        }
        return chart;
    }

    private static String title(ExpressionTrack track) {
        String t = track.name() + ": expression probabilities over time (" + track.modalities() + "); strip: the label";
        return t.length() > 110 ? t.substring(0, 109) + "\u2026" : t;
    }

    private static void style(XYChart chart, double duration, double yMin, double yMax) {
        var st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(GRID)
                .setChartTitleBoxVisible(false).setChartTitleFontColor(TEXT).setAntiAlias(false).setMarkerSize(0)
                .setLegendPosition(Styler.LegendPosition.OutsideE).setPlotContentSize(1.0)
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13)).setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // text in dark grey, not black: black is a class colour, and a test counts class colours in the image
        st.setChartFontColor(TEXT).setAnnotationTextFontColor(TEXT).setXAxisTitleColor(TEXT).setYAxisTitleColor(TEXT);
        st.setAxisTickLabelsColor(TEXT).setAxisTickMarksColor(AXIS).setPlotBorderColor(AXIS);
        st.setPlotGridLinesColor(GRID).setPlotMargin(0).setXAxisMin(0.0).setXAxisMax(duration).setYAxisMin(yMin).setYAxisMax(yMax)
                .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11)).setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // the strip's part of the axis has no probabilities to label
        chart.setCustomYAxisTickLabelsFormatter(v -> v < -1e-9 ? "" : Decimals.format(v, 1));
    }

    /**
     * One class's line: the bin means at bin centres, broken (NaN) where a bin has no labelled frame; a piece touching
     * an end of the track is held flat to that end of the axis, and a one-bin piece spans its bin, so even a
     * one-frame track shows as lines.
     */
    private static void line(XYChart chart, int c, double[] means, FrameBins bins, double fps, double duration) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        int last = bins.bins() - 1;
        int b = 0;
        while (b <= last) {
            if (Double.isNaN(means[b])) {
                b++;
                continue;
            }
            int from = b;
            while (b < last && !Double.isNaN(means[b + 1])) b++;
            int to = b;
            if (!xs.isEmpty()) add(xs, ys, bins.start(from) / fps, Double.NaN); // the break before this piece
            if (from == 0) add(xs, ys, 0, means[0]);
            if (from == to) {
                add(xs, ys, bins.start(from) / fps, means[from]);
                add(xs, ys, bins.end(to) / fps, means[to]);
            } else {
                for (int k = from; k <= to; k++) add(xs, ys, (bins.start(k) + bins.end(k)) / 2.0 / fps, means[k]);
            }
            if (to == last) add(xs, ys, duration, means[to]);
            b++;
        }
        XYSeries s = chart.addSeries(ExprClass.names().get(c), xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
        s.setLineColor(ClassColors.color(c));
        s.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** A step area filled from zero to {@code level} over the columns whose value is {@code value}; not in the legend. */
    private static void steps(XYChart chart, String name, int[] columns, int value, FrameBins bins, double fps,
                                  double level, Color colour) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= columns.length; i++) {
            if (i == columns.length || columns[i] != columns[from]) {
                if (columns[from] == value) {
                    add(xs, ys, bins.start(from) / fps, level);
                    add(xs, ys, bins.end(i - 1) / fps, level);
                    add(xs, ys, bins.end(i - 1) / fps, Double.NaN);
                }
                from = i;
            }
        }
        if (xs.isEmpty()) add(xs, ys, 0, Double.NaN); // XChart wants a point; NaN draws nothing
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea).setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.NONE);
        s.setFillColor(colour);
        s.setLineColor(colour);
        s.setShowInLegend(false);
    }

    private static void add(List<Double> xs, List<Double> ys, double x, double y) {
        xs.add(x);
        ys.add(y);
    }

    /**
     * The mean of each class's probability over the labelled frames of each bin: {@code [class][bin]}; NaN for a bin
     * without a labelled frame.
     */
    static double[][] binMeans(FramePredictions p, FrameBins bins) {
        double[][] means = new double[ExprClass.COUNT][bins.bins()];
        for (int b = 0; b < bins.bins(); b++) {
            int from = bins.start(b), to = bins.end(b);
            int labelled = 0;
            for (int i = from; i < to; i++) if (p.isLabelled(i)) labelled++;
            for (int c = 0; c < ExprClass.COUNT; c++) {
                double sum = 0;
                for (int i = from; i < to; i++) if (p.isLabelled(i)) sum += p.probability(i, c);
                means[c][b] = labelled == 0 ? Double.NaN : sum / labelled;
            }
        }
        return means;
    }
}
