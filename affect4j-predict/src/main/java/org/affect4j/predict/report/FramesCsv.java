package org.affect4j.predict.report;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionWriter;
import org.affect4j.data.Rounding;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.predict.FaceDetails;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes {@code frames.csv}: one row per frame, UTF-8, {@code \n} line ends, written atomically. Columns:
 * <pre>
 * frame,time_s,face_found,face_x,face_y,face_w,face_h,speech,p_neutral,...,p_other,label,label_name,
 * face_score,faces,face_id,right_eye_x,right_eye_y,left_eye_x,...,left_ear_y
 * </pre>
 * <ul>
 *   <li>{@code frame}: 1-based, like the ABAW files ({@code <name>/00001.jpg} is frame 1, the first frame);</li>
 *   <li>{@code time_s}: start time of the frame in seconds, {@code (frame - 1) / fps}, 3 decimals;</li>
 *   <li>{@code face_found}, {@code speech}: {@code 1} or {@code 0};</li>
 *   <li>{@code face_x,face_y,face_w,face_h}: the face box in frame pixels (1 decimal), empty when no face was found
 *       or its box is unknown;</li>
 *   <li>{@code p_*}: the 8 class probabilities in ABAW class order (6 decimals, never scientific notation), empty if
 *       the model gave labels only or the frame has no prediction;</li>
 *   <li>{@code label}: the class index 0..7, {@code label_name} its name; {@code -1} and an empty name for a frame
 *       without prediction (neither a face nor speech). The label is the arg-max of the printed probabilities, the
 *       lowest class index among equal printed values ({@link ExpressionTrack} keeps its predictions rounded with
 *       the rounding printed here).</li>
 *   <li>{@code face_score}: the detector's confidence for the followed face (4 decimals), empty without a face;</li>
 *   <li>{@code faces}: how many faces the detector found in the frame, empty when unknown (frames between key
 *       frames when faces are detected on every n-th frame only, audio-only inputs, pre-aligned frame folders);</li>
 *   <li>{@code face_id}: the tracker's id of the followed face (faces are numbered from 0 as they first appear),
 *       empty without a face;</li>
 *   <li>{@code right_eye_x ... left_ear_y}: the six BlazeFace key points of the followed face in frame pixels (1
 *       decimal), the person's own right and left, empty without a face.</li>
 * </ul>
 * The detail columns come after {@code label_name} so that readers of the earlier 18 columns are unaffected.
 * Python: {@code pandas.read_csv("frames.csv", index_col="frame")}.
 */
public final class FramesCsv {
    /** The header line. */
    public static final String HEADER = "frame,time_s,face_found,face_x,face_y,face_w,face_h,speech,"
            + ExprClass.names().stream().map(n -> "p_" + n.toLowerCase(Locale.ROOT)).collect(Collectors.joining(","))
            + ",label,label_name,face_score,faces,face_id,"
            + FaceDetails.KEYPOINT_NAMES.stream().map(n -> n + "_x," + n + "_y").collect(Collectors.joining(","));

    private FramesCsv() {
    }

    /**
     * Writes the CSV of {@code track} to {@code file}.
     *
     * @throws IllegalArgumentException if a face box does not have 4 numbers (naming the 1-based frame)
     */
    public static void write(ExpressionTrack track, Path file) {
        PredictionWriter.writeText(file, w -> {
            w.write(HEADER);
            w.write('\n');
            StringBuilder row = new StringBuilder(160);
            for (int i = 0; i < track.frames(); i++) {
                row.setLength(0);
                appendRow(row, track, i);
                w.write(row.append('\n').toString());
            }
        });
    }

    private static void appendRow(StringBuilder row, ExpressionTrack track, int i) {
        boolean face = track.faceFound()[i];
        row.append(i + 1).append(',');
        Decimals.append(row, track.time(i), 3).append(',');
        row.append(face ? '1' : '0').append(',');
        // a box left over for a frame the tracker did not confirm would contradict face_found=0, so it is omitted
        float[] box = face ? track.faceBoxes()[i] : null;
        if (box != null && box.length != 4) {
            throw new IllegalArgumentException(track.name() + ", frame " + (i + 1) + ": face box has " + box.length
                    + " numbers, expected x, y, width, height");
        }
        for (int k = 0; k < 4; k++) {
            if (box != null) Decimals.append(row, box[k], 1);
            row.append(',');
        }
        row.append(track.speech()[i] ? '1' : '0').append(',');
        FramePredictions p = track.predictions();
        for (int c = 0; c < ExprClass.COUNT; c++) {
            if (p.hasProbabilities() && p.isLabelled(i)) Decimals.append(row, p.probability(i, c), Rounding.PROBABILITY_DECIMALS);
            row.append(',');
        }
        int label = p.label(i);
        row.append(label).append(',');
        if (label != ExprClass.UNANNOTATED) row.append(ExprClass.of(label).displayName());
        FaceDetails d = track.faceDetails();
        row.append(',');
        if (face && !Float.isNaN(d.scores()[i])) Decimals.append(row, d.scores()[i], 4);
        row.append(',');
        if (d.faces()[i] >= 0) row.append(d.faces()[i]);
        row.append(',');
        if (face && d.trackIds()[i] >= 0) row.append(d.trackIds()[i]);
        float[] kp = face ? d.keypoints()[i] : null;
        for (int k = 0; k < 2 * FaceDetails.KEYPOINTS; k++) {
            row.append(',');
            if (kp != null) Decimals.append(row, kp[k], 1);
        }
    }
}
