package org.affect4j.predict.report;

import org.affect4j.data.Dominant;
import org.affect4j.data.ExprClass;
import org.affect4j.data.LabelFill;
import org.affect4j.data.PredictionFormat;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code report.html}: one self-contained page about one input, to open in any browser or mail around.
 * Everything is inside the file: the timeline and the face crops as {@code data:} URIs, the style sheet inline, no
 * script, no external resource. All text from the track (name, source, model lines) is HTML-escaped.
 *
 * <p>Sections: summary (duration, frames, frame rate, dominant expression, modalities used, face-found and speech
 * shares, frames without a label and how the ABAW file fills them), the timeline, the share of the labelled frames
 * per predicted expression as a table with CSS bars, up to {@value #MAX_CROPS} aligned face crops with their times,
 * and the model. Frames without a label (neither a face nor speech) are left out of the shares and of the dominant
 * expression, which names every class of a tie.
 *
 * <p>Crop times come from the crop file names: {@code NNNNN.jpg} is the 1-based frame number, as
 * {@code org.affect4j.faces.CropWriter} names them; a crop named otherwise is shown with its file name.
 */
public final class HtmlReport {
    /** Most face crops shown; more are thinned out evenly over time. */
    public static final int MAX_CROPS = 6;

    private static final Pattern FRAME_NUMBER = Pattern.compile("(\\d+)\\.[A-Za-z0-9]+$");
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;max-width:1000px;\
            margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.1em}
            h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            .source{color:#666;margin-top:0;word-break:break-all}
            table{border-collapse:collapse}
            th,td{padding:.25em 1em .25em 0;text-align:left;vertical-align:middle}
            th{font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.4em;\
            border:1px solid #0002}
            .bar{width:320px;max-width:40vw;background:#f0f0f0;height:1em}
            .bar span{display:block;height:100%}
            .note{background:#fff6db;border-left:4px solid #E69F00;padding:.4em .8em}
            img.timeline{width:100%;height:auto;border:1px solid #ddd}
            .crops{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0;text-align:center}
            figure img{width:112px;height:112px;object-fit:cover;border:1px solid #ccc;border-radius:4px;display:block}
            figcaption{font-size:.85em;color:#555}
            dl{display:grid;grid-template-columns:max-content auto;gap:.3em 1.2em}
            dt{font-weight:600}
            dd{margin:0;word-break:break-word}
            footer{margin-top:3em;color:#888;font-size:.85em}
            """;

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code track}, inlining {@code timelinePng}, to {@code out}, atomically.
     *
     * @throws UncheckedIOException if the timeline cannot be read or the report cannot be written
     */
    public static void write(ExpressionTrack track, Path timelinePng, Path out) {
        AtomicFiles.writeString(out, render(track, timelinePng));
    }

    /** The page as a string. */
    static String render(ExpressionTrack track, Path timelinePng) {
        TrackSummary summary = TrackSummary.of(track);
        String name = Html.escape(track.name());
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>affect4j: ").append(name).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>Facial expressions in ").append(name).append("</h1>\n")
                .append("<p class=\"source\">").append(Html.escape(String.valueOf(track.source()))).append("</p>\n");
        summary(h, track, summary);
        timeline(h, track, timelinePng);
        shares(h, summary);
        crops(h, track, summary);
        model(h, track.model());
        h.append("<footer>Written by affect4j predict. In frames.csv and the ABAW file frames are numbered from 1; ")
                .append("a frame's time is its start.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, ExpressionTrack track, TrackSummary s) {
        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        row(h, "Duration", Html.escape(duration(s.durationSeconds())));
        row(h, "Frames", Integer.toString(s.frames()));
        row(h, "Frame rate", Html.escape(trimmed(s.fps(), 3)) + " frames per second");
        row(h, "Dominant expression", dominant(s.dominant()));
        row(h, "Modalities used", modalities(track.modalities()));
        // only what was looked for: a voice-only reading never searched for a face, a face-only one for speech
        if (track.facesSearched()) row(h, "Face found", share(s.faceShare(), s.faceFrames(), s.frames()));
        if (track.speechSearched()) row(h, "Speech", share(s.speechShare(), s.speechFrames(), s.frames()));
        if (s.unlabelled() > 0) {
            row(h, "No label", share(s.unlabelledShare(), s.unlabelled(), s.frames())
                    + ": neither a face nor speech, so no prediction; left out of the shares and the dominant expression");
        }
        LabelFill fill = LabelFill.of(track.predictions());
        if (fill.filledFrames() > 0) {
            String note = Html.escape(fill.note(track.name() + PredictionFormat.EXTENSION));
            row(h, "ABAW file", fill.fallback() ? "<span class=\"note\">" + note + "</span>" : note);
        }
        h.append("</table>\n");
    }

    /** The dominant expression with its colour, every class of a tie named ("tie: Neutral / Fear, 32 % each"). */
    private static String dominant(Dominant d) {
        if (d.isEmpty()) return "none: no frame has a predicted label";
        StringBuilder sb = new StringBuilder();
        for (int c : d.classes()) sb.append(swatch(c));
        return sb.append(Html.escape(d.describe())).append(" (of labelled frames)").toString();
    }

    /** The modalities in plain words; a single modality is called out, as it changes what the labels mean. */
    private static String modalities(String modalities) {
        String key = modalities == null ? "" : modalities.replace(" ", "").toLowerCase(Locale.ROOT);
        return switch (key) {
            case "face+voice" -> "Face and voice: the model used both.";
            case "faceonly" -> "<span class=\"note\">Face only: judged from the face alone (the input has no sound, "
                    + "or the model reads no voice feature).</span>";
            case "voiceonly" -> "<span class=\"note\">Voice only: judged from the voice alone (the input has no "
                    + "picture, or the model reads no face feature).</span>";
            default -> Html.escape(String.valueOf(modalities));
        };
    }

    private static void timeline(StringBuilder h, ExpressionTrack track, Path png) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the timeline " + png + " for the report: " + e.getMessage(), e);
        }
        h.append("<h2>Timeline</h2>\n<img class=\"timeline\" src=\"").append(Html.dataUri("image/png", bytes))
                .append("\" alt=\"Class probabilities of ").append(Html.escape(track.name()))
                .append(" over time, with the predicted label strip\">\n");
    }

    private static void shares(StringBuilder h, TrackSummary s) {
        h.append("<h2>Expression shares</h2>\n<p>Share of the labelled frames per predicted expression.</p>\n")
                .append("<table class=\"shares\">\n<tr><th>Expression</th><th>Frames</th><th>Share</th><th></th></tr>\n");
        for (int c = 0; c < ExprClass.COUNT; c++) {
            shareRow(h, swatch(c) + Html.escape(ExprClass.of(c).displayName()), s.count(c), s.share(c), ClassColors.hex(c));
        }
        h.append("</table>\n");
        if (s.unlabelled() > 0) {
            h.append("<p>Not counted: ").append(s.unlabelled()).append(s.unlabelled() == 1 ? " frame" : " frames")
                    .append(" without a label (").append(percent(s.unlabelledShare())).append(" of all frames).</p>\n");
        }
    }

    private static void shareRow(StringBuilder h, String label, int count, double share, String colour) {
        h.append("<tr><td>").append(label).append("</td><td class=\"num\">").append(count)
                .append("</td><td class=\"num\">").append(percent(share))
                .append("</td><td><div class=\"bar\"><span style=\"width:").append(Decimals.format(share * 100, 2))
                .append("%;background:").append(colour).append("\"></span></div></td></tr>\n");
    }

    private static void crops(StringBuilder h, ExpressionTrack track, TrackSummary s) {
        h.append("<h2>Face crops</h2>\n");
        List<String> figures = new ArrayList<>();
        for (Path crop : evenlySpaced(track.cropSamples(), MAX_CROPS)) {
            Html.imageDataUri(crop).ifPresent(uri -> figures.add("<figure><img src=\"" + uri + "\" alt=\"aligned face\">"
                    + "<figcaption>" + Html.escape(cropCaption(crop, track)) + "</figcaption></figure>"));
        }
        if (figures.isEmpty()) {
            h.append("<p>").append(!track.facesSearched() ? "The voice alone was read, so there are no face crops."
                    : s.faceFrames() == 0 ? "No face was found, so there are no face crops."
                    : "No face crops were kept for this input.").append("</p>\n");
            return;
        }
        h.append("<div class=\"crops\">\n");
        figures.forEach(f -> h.append(f).append('\n'));
        h.append("</div>\n");
    }

    /** Up to {@code max} items spread evenly over {@code items}, first and last included, in order. */
    static <T> List<T> evenlySpaced(List<T> items, int max) {
        if (items.size() <= max) return items;
        List<T> picked = new ArrayList<>(max);
        for (int k = 0; k < max; k++) {
            picked.add(items.get((int) Math.round((double) k * (items.size() - 1) / (max - 1))));
        }
        return picked;
    }

    /** "12.40 s, frame 373" from a crop named {@code 00373.jpg}; the file name if it carries no frame number. */
    static String cropCaption(Path crop, double fps) {
        int frame = cropFrame(crop);
        return frame < 1 ? crop.getFileName().toString() : Decimals.format((frame - 1) / fps, 2) + " s, frame " + frame;
    }

    /** {@link #cropCaption(Path, double)} followed by the frame's predicted label ("12.40 s, frame 373: Happiness"). */
    static String cropCaption(Path crop, ExpressionTrack track) {
        String caption = cropCaption(crop, track.fps());
        int frame = cropFrame(crop);
        if (frame < 1 || frame > track.frames()) return caption;
        int label = track.predictions().label(frame - 1);
        return caption + ": " + (label == ExprClass.UNANNOTATED ? "no label" : ExprClass.of(label).displayName());
    }

    /** The 1-based frame number in a crop's file name, or -1. */
    private static int cropFrame(Path crop) {
        Matcher m = FRAME_NUMBER.matcher(crop.getFileName().toString());
        if (!m.find() || m.group(1).length() > 9) return -1;
        int frame = Integer.parseInt(m.group(1));
        return frame < 1 ? -1 : frame;
    }

    private static void model(StringBuilder h, Map<String, String> model) {
        h.append("<h2>Model</h2>\n");
        if (model.isEmpty()) {
            h.append("<p>No model information.</p>\n");
            return;
        }
        h.append("<dl>\n");
        model.forEach((k, v) -> h.append("<dt>").append(Html.escape(k)).append("</dt><dd>")
                .append(Html.escape(String.valueOf(v))).append("</dd>\n"));
        h.append("</dl>\n");
    }

    private static void row(StringBuilder h, String header, String html) {
        h.append("<tr><th>").append(header).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static String swatch(int cls) {
        return "<span class=\"swatch\" style=\"background:" + ClassColors.hex(cls) + "\"></span>";
    }

    private static String share(double share, int count, int frames) {
        return percent(share) + " of frames (" + count + " of " + frames + ")";
    }

    private static String percent(double share) {
        return Decimals.format(share * 100, 1) + "%";
    }

    /** {@code v} with at most {@code digits} decimals, trailing zeros dropped: 30, 29.97. */
    static String trimmed(double v, int digits) {
        String s = Decimals.format(v, digits);
        if (s.indexOf('.') < 0) return s;
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** "8.4 s"; "2 min 05.3 s" from a minute on; "1 h 02 min 05.3 s" from an hour on. */
    static String duration(double seconds) {
        if (seconds < 60) return Decimals.format(seconds, 1) + " s";
        long tenths = Math.round(seconds * 10);
        long minutes = tenths / 600, hours = minutes / 60;
        String sec = Decimals.format(tenths % 600 / 10.0, 1);
        if (sec.length() < 4) sec = "0" + sec;
        String min = hours > 0 ? hours + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) : Long.toString(minutes);
        return min + " min " + sec + " s";
    }
}
