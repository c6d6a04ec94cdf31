package org.affect4j.submission;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionFormat;
import org.affect4j.data.PredictionReader;
import org.affect4j.data.PredictionWriter;
import org.affect4j.data.SubmissionRow;
import org.affect4j.data.VideoFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ABAW EXPR submission files: {@code <out>/<name>.txt} with the header
 * {@code image_location,Neutral,...,Other} and one row {@code <name>/<NNNNN>.jpg,<label>} per frame, frames numbered
 * from 1 on 5 digits. Every frame of the video gets a row, including frames without a face: the predictions must
 * already label every frame (models predict from features filled in from the nearest face, METHOD §2), and a
 * missing label is an error rather than a silent guess. Each file is written atomically. Stateless.
 */
public final class SubmissionWriter {
    private SubmissionWriter() {
    }

    /** What {@link #writeAll} did. */
    public record Result(List<String> written, List<String> skipped) {
        public Result {
            written = List.copyOf(written);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Writes one video's submission file.
     *
     * @return the file written, {@code out/<name>.txt}
     * @throws IllegalArgumentException if a frame has no label (-1), naming the 1-based frame
     */
    public static Path write(Path out, String name, FramePredictions predictions) {
        for (int i = 0; i < predictions.frames(); i++) {
            if (predictions.label(i) == ExprClass.UNANNOTATED) {
                throw new IllegalArgumentException("video " + name + ", frame " + (i + 1)
                        + ": no label; a submission labels every frame, including frames without a face");
            }
        }
        Path file = VideoFiles.file(out, name);
        PredictionWriter.writeText(file, w -> {
            w.write(PredictionFormat.SUBMISSION.header());
            w.write('\n');
            for (int i = 0; i < predictions.frames(); i++) {
                w.write(new SubmissionRow(name, i + 1, predictions.label(i)).toLine());
                w.write('\n');
            }
        });
        return file;
    }

    /**
     * Converts a prediction directory (any {@link PredictionFormat}) into a submission, one video at a time.
     *
     * @param predDir  the predictions, {@code <name>.txt} per video
     * @param out      the submission directory (created if needed)
     * @param expected the videos to submit and their frame counts, or {@code null} to submit every prediction
     *                 file with its own frame count; prediction files of other videos are skipped
     * @throws DataFormatException if an expected video has no prediction file, a different frame count, a frame
     *                             without label, or a malformed file (naming file and line)
     */
    public static Result writeAll(Path predDir, Path out, ExpectedVideos expected) {
        VideoFiles predictions = VideoFiles.of(predDir);
        if (predDir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the submission directory " + out + " is also the prediction directory; choose another");
        }
        List<String> names = expected == null ? predictions.names() : List.copyOf(expected.names());
        if (names.isEmpty()) throw new DataFormatException(predDir, "holds no prediction files <name>.txt");
        List<String> written = new ArrayList<>();
        for (String name : names) {
            Path file = predictions.file(name);
            if (!predictions.contains(name)) {
                throw new DataFormatException(file, "missing: no prediction for expected video " + name);
            }
            FramePredictions p = PredictionReader.read(file);
            if (expected != null && p.frames() != expected.frames(name)) {
                throw new DataFormatException(file, p.frames() + " frames, but video " + name + " has "
                        + expected.frames(name) + " frames (a submission needs a label for every frame)");
            }
            int unlabelled = firstUnlabelled(p);
            if (unlabelled >= 0) {
                // only the annotation format can hold -1; its line i + 2 is frame i
                throw new DataFormatException(file, unlabelled + 2, "frame " + (unlabelled + 1)
                        + " has no label (-1); a submission labels every frame, including frames without a face");
            }
            write(out, name, p);
            written.add(name);
        }
        List<String> skipped = expected == null ? List.of()
                : predictions.names().stream().filter(n -> !expected.contains(n)).toList();
        return new Result(written, skipped);
    }

    private static int firstUnlabelled(FramePredictions p) {
        for (int i = 0; i < p.frames(); i++) {
            if (p.label(i) == ExprClass.UNANNOTATED) return i;
        }
        return -1;
    }
}
