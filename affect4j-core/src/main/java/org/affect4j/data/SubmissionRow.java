package org.affect4j.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One data row of an ABAW submission file: {@code <video>/<NNNNN>.jpg,<label>}.
 *
 * @param video the video (or person) name, which is also the file name without {@code .txt}
 * @param frame 1-based frame number
 * @param label class index 0..7
 */
public record SubmissionRow(String video, int frame, int label) {
    /** Digits of the frame number in image names ({@code 00001.jpg}), as in Aff-Wild2's cropped_aligned tree. */
    public static final int FRAME_DIGITS = 5;

    private static final Pattern LOCATION = Pattern.compile("(.+)/([0-9]+)\\.jpg");

    /** Checks the fields; throws {@link IllegalArgumentException} otherwise. */
    public SubmissionRow {
        if (video == null || video.isEmpty() || video.contains("/") || video.contains(",")) {
            throw new IllegalArgumentException("bad video name '" + video + "'");
        }
        if (frame < 1) throw new IllegalArgumentException("frame number " + frame + " is not 1 or more");
        if (label < 0 || label >= ExprClass.COUNT) throw new IllegalArgumentException("label " + label + " is outside 0..7");
    }

    /** {@code <video>/<NNNNN>.jpg} for a 1-based frame number (more digits only past 99999 frames). */
    public static String imageLocation(String video, int frame) {
        return video + "/" + String.format("%0" + FRAME_DIGITS + "d", frame) + ".jpg";
    }

    /** This row as written in a file, without line end. */
    public String toLine() {
        return imageLocation(video, frame) + "," + label;
    }

    /**
     * Parses a data row.
     *
     * @throws IllegalArgumentException with a message saying what was wrong and what was expected
     *         (without file and line: callers add those)
     */
    public static SubmissionRow parse(String line) {
        int comma = line.lastIndexOf(',');
        if (comma < 0 || line.indexOf(',') != comma) {
            throw new IllegalArgumentException("expected '<name>/<NNNNN>.jpg,<label>', found '" + line + "'");
        }
        Location location = parseLocation(line.substring(0, comma));
        return new SubmissionRow(location.video(), location.frame(), parseLabel(line.substring(comma + 1)));
    }

    /** A parsed {@code image_location}: video name and 1-based frame number. */
    public record Location(String video, int frame) {
    }

    /**
     * Parses an {@code image_location} field, {@code <video>/<NNNNN>.jpg}.
     *
     * @throws IllegalArgumentException if it is not in that exact form (5-digit, 1-based frame number)
     */
    public static Location parseLocation(String field) {
        String location = field.strip();
        Matcher m = LOCATION.matcher(location);
        if (!m.matches()) {
            throw new IllegalArgumentException("image_location '" + location + "' is not '<name>/<NNNNN>.jpg'");
        }
        String digits = m.group(2);
        int frame;
        try {
            frame = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frame number '" + digits + "' in '" + location + "' is too large");
        }
        if (frame < 1) throw new IllegalArgumentException("frame number " + frame + " is not 1 or more");
        if (!imageLocation(m.group(1), frame).equals(location)) {
            throw new IllegalArgumentException("image_location '" + location + "' should be '"
                    + imageLocation(m.group(1), frame) + "' (1-based frame number on " + FRAME_DIGITS + " digits)");
        }
        return new Location(m.group(1), frame);
    }

    /**
     * Parses a submission label field.
     *
     * @throws IllegalArgumentException if it is not an integer in 0..7
     */
    public static int parseLabel(String field) {
        return PredictionLabels.parse(field, false);
    }
}
