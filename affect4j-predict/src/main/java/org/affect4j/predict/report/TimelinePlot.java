package org.affect4j.predict.report;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.util.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws {@code timeline.png}: the 8 class probabilities over time (x in seconds) as lines, one fixed colour per class
 * ({@link ClassColors}), light grey spans where no face was found, and under the plot a strip coloured by the chosen
 * label of each moment, on the same time axis. A legend at the top names the colours. Frames without a label
 * (neither a face nor speech) are blank: the lines break there and the strip is left white.
 *
 * <p>Drawn with Java2D rather than a chart library because the label strip and the shaded spans must share the
 * plot's exact pixel columns. Any length draws in about the same time: the lines are averaged into at most
 * {@value #MAX_POINTS} points, and the strip and shading take the most frequent value per pixel column, so a label
 * that flickers frame by frame still shows instead of vanishing between pixels.
 */
public final class TimelinePlot {
    /** Smallest image that still fits the legend, an axis and the strip. */
    public static final int MIN_WIDTH = 320, MIN_HEIGHT = 200;
    /** Most points per class line; longer tracks are averaged into this many consecutive bins. */
    static final int MAX_POINTS = 4000;

    private static final int PAD = 8, STRIP_GAP = 6, STRIP_HEIGHT = 14, SWATCH = 12;
    private static final Color TEXT = new Color(0x222222), AXIS = new Color(0x666666), GRID = new Color(0xC8C8C8);

    static {
        // predict runs on servers without a display; rendering into an image never needs one
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private TimelinePlot() {
    }

    /**
     * Writes the timeline of {@code track} as a PNG of {@code width} x {@code height} pixels, atomically.
     *
     * @throws IllegalArgumentException if the size is below {@link #MIN_WIDTH} x {@link #MIN_HEIGHT}
     */
    public static void write(ExpressionTrack track, Path file, int width, int height) {
        BufferedImage image = render(track, width, height);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("this Java has no PNG writer");
        });
    }

    /** Draws the timeline into a new RGB image. */
    static BufferedImage render(ExpressionTrack track, int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("a timeline of " + width + "x" + height + " pixels is too small; use at least "
                    + MIN_WIDTH + "x" + MIN_HEIGHT);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            new Drawing(track, g, width, height).draw();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One rendering: the layout computed from the image size and font, then the parts drawn into it. */
    private static final class Drawing {
        private final ExpressionTrack track;
        private final Graphics2D g;
        private final FontMetrics fm;
        private final int width, height;
        private final double[][] means; // [class][point], null for a labels-only track
        private final FrameBins points;
        private final double yMax, yStep, xStep, duration;
        private int plotX, plotY, plotW, plotH;

        Drawing(ExpressionTrack track, Graphics2D g, int width, int height) {
            this.track = track;
            this.g = g;
            this.fm = g.getFontMetrics();
            this.width = width;
            this.height = height;
            int n = track.frames();
            this.duration = Math.max(n, 1) / track.fps(); // an empty track still gets a one-frame axis
            this.points = new FrameBins(n, Math.max(1, Math.min(n, MAX_POINTS)));
            this.means = track.predictions().hasProbabilities() && n > 0 ? binMeans(track.predictions(), points) : null;
            double max = 1;
            if (means != null) for (double[] line : means) for (double v : line) if (!Double.isNaN(v)) max = Math.max(max, v);
            this.yMax = max; // softmax outputs stay in [0, 1]; unnormalised scores widen the axis instead of clipping
            this.yStep = niceStep(yMax, 5);
            int legendBottom = legend(false);
            layout(legendBottom);
            this.xStep = niceStep(duration, Math.max(2, plotW / 90));
        }

        void draw() {
            legend(true);
            drawNoFaceSpans();
            drawGrid();
            if (means != null && track.predictions().labelledFrames() > 0) drawLines();
            else centred(track.frames() == 0 ? "no frames"
                            : track.predictions().labelledFrames() == 0 ? "no label: neither a face nor speech in any frame"
                            : "labels only: the model gave no class probabilities",
                    plotX + plotW / 2, plotY + plotH / 2);
            g.setColor(AXIS);
            g.drawRect(plotX, plotY, plotW, plotH);
            drawStrip();
            drawAxes();
        }

        private void layout(int top) {
            String widestY = "label";
            for (double v : ticks(0, yMax, yStep)) {
                if (fm.stringWidth(tick(v, yStep)) > fm.stringWidth(widestY)) widestY = tick(v, yStep);
            }
            plotX = PAD + fm.stringWidth(widestY) + 6;
            plotY = top + PAD;
            plotW = width - plotX - 2 * PAD;
            int bottom = STRIP_GAP + STRIP_HEIGHT + 4 + 2 * fm.getHeight() + PAD;
            plotH = height - plotY - bottom;
            if (plotW < 50 || plotH < 30) {
                throw new IllegalArgumentException("a timeline of " + width + "x" + height + " pixels leaves no room for the plot");
            }
        }

        /** Lays out (and, if {@code paint}, draws) the title and the legend; returns the y below them. */
        private int legend(boolean paint) {
            int line = fm.getHeight() + 2;
            int y = PAD + fm.getAscent();
            if (paint) {
                g.setColor(TEXT);
                g.drawString(fit(track.name() + ": expression probabilities over time (" + track.modalities() + ")",
                        width - 2 * PAD), PAD, y);
            }
            y += line;
            int x = PAD;
            List<String> names = ExprClass.names();
            for (int item = 0; item <= names.size() + 1; item++) {
                boolean noFace = item == names.size(), noLabel = item == names.size() + 1;
                String text = noFace ? "no face found" : noLabel ? "no label" : names.get(item);
                int w = SWATCH + 4 + fm.stringWidth(text);
                if (x > PAD && x + w > width - PAD) {
                    x = PAD;
                    y += line;
                }
                if (paint) {
                    int sy = y - fm.getAscent() + (fm.getAscent() - SWATCH) / 2 + 1;
                    g.setColor(noFace ? ClassColors.NO_FACE : noLabel ? ClassColors.UNLABELLED : ClassColors.color(item));
                    g.fillRect(x, sy, SWATCH, SWATCH);
                    if (noFace || noLabel) {
                        g.setColor(GRID);
                        g.drawRect(x, sy, SWATCH, SWATCH);
                    }
                    g.setColor(TEXT);
                    g.drawString(text, x + SWATCH + 4, y);
                }
                x += w + 14;
            }
            return y + fm.getDescent();
        }

        /** {@code s}, cut with an ellipsis if wider than {@code max} pixels (a long input name must not run off). */
        private String fit(String s, int max) {
            if (fm.stringWidth(s) <= max) return s;
            int end = s.length();
            while (end > 0 && fm.stringWidth(s.substring(0, end) + "\u2026") > max) end--;
            return s.substring(0, end) + "\u2026";
        }

        private void drawNoFaceSpans() {
            if (track.frames() == 0) return;
            boolean[] face = track.faceFound();
            int[] noFace = new FrameBins(track.frames(), plotW).modes(i -> face[i] ? 0 : 1, 2);
            g.setColor(ClassColors.NO_FACE);
            forEachRun(noFace, (from, to, value) -> {
                if (value == 1) g.fillRect(plotX + from, plotY, to - from, plotH);
            });
        }

        private void drawGrid() {
            g.setStroke(new BasicStroke(1f));
            g.setColor(GRID);
            for (double v : ticks(yStep, yMax, yStep)) {
                int y = y(v);
                g.drawLine(plotX, y, plotX + plotW, y);
            }
            for (double t : ticks(xStep, duration, xStep)) {
                int x = (int) Math.round(x(t));
                g.drawLine(x, plotY, x, plotY + plotH);
            }
        }

        private void drawLines() {
            java.awt.Shape clip = g.getClip();
            g.clipRect(plotX, plotY, plotW + 1, plotH + 1);
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int last = points.bins() - 1;
            for (int c = 0; c < ExprClass.COUNT; c++) {
                double[] line = means[c];
                // one piece per run of bins with a label (NaN: none in the bin, the line breaks); a piece touching an
                // end of the track is held flat to that end of the axis, so a one-frame track still shows as lines,
                // and a one-bin piece spans its bin
                Path2D.Double path = new Path2D.Double();
                int b = 0;
                while (b <= last) {
                    if (Double.isNaN(line[b])) {
                        b++;
                        continue;
                    }
                    int from = b;
                    while (b < last && !Double.isNaN(line[b + 1])) b++;
                    int to = b;
                    double startX = from == 0 ? plotX : from == to ? x(points.start(from) / track.fps()) : centre(from);
                    path.moveTo(startX, y(line[from]));
                    for (int k = from; k <= to; k++) path.lineTo(centre(k), y(line[k]));
                    double endX = to == last ? plotX + plotW : from == to ? x(points.end(to) / track.fps()) : centre(to);
                    path.lineTo(endX, y(line[to]));
                    b++;
                }
                g.setColor(ClassColors.color(c));
                g.draw(path);
            }
            g.setClip(clip);
        }

        private void drawStrip() {
            int top = plotY + plotH + STRIP_GAP;
            if (track.frames() > 0) {
                FramePredictions p = track.predictions();
                // category 0 is "no label" (-1), so labels shift by one
                int[] labels = new FrameBins(track.frames(), plotW).modes(i -> p.label(i) + 1, ExprClass.COUNT + 1);
                forEachRun(labels, (from, to, value) -> {
                    g.setColor(ClassColors.color(value - 1));
                    g.fillRect(plotX + from, top, to - from, STRIP_HEIGHT);
                });
            }
            g.setColor(AXIS);
            g.drawRect(plotX, top, plotW, STRIP_HEIGHT);
            g.setColor(TEXT);
            g.drawString("label", plotX - 6 - fm.stringWidth("label"), top + (STRIP_HEIGHT + fm.getAscent()) / 2 - 1);
        }

        private void drawAxes() {
            int stripBottom = plotY + plotH + STRIP_GAP + STRIP_HEIGHT;
            g.setColor(TEXT);
            for (double v : ticks(0, yMax, yStep)) {
                String s = tick(v, yStep);
                g.drawString(s, plotX - 6 - fm.stringWidth(s), y(v) + fm.getAscent() / 2 - 1);
            }
            int labelY = stripBottom + 4 + fm.getAscent();
            for (double t : ticks(0, duration, xStep)) {
                int x = (int) Math.round(x(t));
                g.setColor(AXIS);
                g.drawLine(x, stripBottom, x, stripBottom + 3);
                String s = tick(t, xStep);
                int sx = Math.max(0, Math.min(width - fm.stringWidth(s), x - fm.stringWidth(s) / 2));
                g.setColor(TEXT);
                g.drawString(s, sx, labelY);
            }
            centred("time (s)", plotX + plotW / 2, labelY + fm.getHeight() - fm.getAscent() / 2);
        }

        private void centred(String s, int cx, int cy) {
            g.setColor(TEXT);
            g.drawString(s, cx - fm.stringWidth(s) / 2, cy + fm.getAscent() / 2);
        }

        /** x of the centre of point bin {@code b}. */
        private double centre(int b) {
            return x((points.start(b) + points.end(b)) / 2.0 / track.fps());
        }

        private double x(double seconds) {
            return plotX + seconds / duration * plotW;
        }

        private int y(double v) {
            return (int) Math.round(plotY + plotH - v / yMax * plotH);
        }
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

    /** A run of equal values {@code [from, to)} in a per-column array. */
    @FunctionalInterface
    private interface RunConsumer {
        void accept(int from, int to, int value);
    }

    private static void forEachRun(int[] values, RunConsumer consumer) {
        int from = 0;
        for (int i = 1; i <= values.length; i++) {
            if (i == values.length || values[i] != values[from]) {
                consumer.accept(from, i, values[from]);
                from = i;
            }
        }
    }

    /** A 1, 2 or 5 times a power of ten giving at most about {@code maxTicks} ticks over {@code range}. */
    static double niceStep(double range, int maxTicks) {
        double raw = range / maxTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5}) {
            if (m * magnitude >= raw) return m * magnitude;
        }
        return 10 * magnitude;
    }

    /** The multiples of {@code step} from {@code from} to {@code to} (inclusive, up to rounding error). */
    static double[] ticks(double from, double to, double step) {
        long first = Math.round(Math.ceil(from / step - 1e-9)), last = Math.round(Math.floor(to / step + 1e-9));
        double[] ticks = new double[(int) Math.max(0, last - first + 1)];
        for (int k = 0; k < ticks.length; k++) ticks[k] = (first + k) * step; // multiplied, not summed: no drift
        return ticks;
    }

    /** A tick value with just the decimals its step needs. */
    private static String tick(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return Decimals.format(v, decimals);
    }
}
