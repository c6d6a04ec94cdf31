package org.affect4j.predict.report;

import org.affect4j.data.ExprClass;
import org.affect4j.predict.ExpressionTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramesCsvTest {
    static final String HEADER = "frame,time_s,face_found,face_x,face_y,face_w,face_h,speech,p_neutral,p_anger,p_disgust,"
            + "p_fear,p_happiness,p_sadness,p_surprise,p_other,label,label_name,face_score,faces,face_id,"
            + "right_eye_x,right_eye_y,left_eye_x,left_eye_y,nose_x,nose_y,mouth_x,mouth_y,"
            + "right_ear_x,right_ear_y,left_ear_x,left_ear_y";

    @TempDir
    Path tmp;

    private List<String[]> write(ExpressionTrack track) throws Exception {
        Path f = tmp.resolve("frames.csv");
        FramesCsv.write(track, f);
        List<String> lines = Files.readAllLines(f);
        assertEquals(HEADER, lines.get(0));
        assertEquals(HEADER, FramesCsv.HEADER);
        assertEquals(track.frames() + 1, lines.size());
        return lines.stream().skip(1).map(l -> l.split(",", -1)).peek(r -> assertEquals(33, r.length)).toList();
    }

    @Test
    void detectorDetailFollowsTheFaceColumns() throws Exception {
        List<String[]> rows = write(Tracks.withDetails(Tracks.withFaceGaps(300)));
        assertEquals(List.of("0.9000", "2", "3", "1.0", "2.0"), List.of(rows.get(0)).subList(18, 23));
        assertEquals("22.0", rows.get(10)[32], "left ear y of frame 11: 12 + 10");
        // a frame without a face: the count of faces found (0) but no score, track or key points
        assertEquals(List.of("", "0", ""), List.of(rows.get(Tracks.GAP1_FROM)).subList(18, 21));
        assertTrue(List.of(rows.get(Tracks.GAP1_FROM)).subList(21, 33).stream().allMatch(String::isEmpty));
    }

    @Test
    void detailsLeftEmptyWhenUnknown() throws Exception {
        List<String[]> rows = write(Tracks.withFaceGaps(30));
        assertTrue(List.of(rows.get(0)).subList(18, 33).stream().allMatch(String::isEmpty), String.join(",", rows.get(0)));
    }

    @Test
    void framesWithAndWithoutFace() throws Exception {
        ExpressionTrack track = Tracks.withFaceGaps(300);
        List<String[]> rows = write(track);
        assertEquals(List.of("1", "0.000", "1", "10.0", "20.3", "100.0", "120.0", "0"), List.of(rows.get(0)).subList(0, 8));
        String[] gap = rows.get(Tracks.GAP1_FROM); // frame 51, the first without a face
        assertEquals(List.of("51", "2.000", "0", "", "", "", "", "0"), List.of(gap).subList(0, 8));
        assertEquals("1", rows.get(Tracks.SPEECH_FROM)[7]);
        String[] last = rows.get(299);
        assertEquals("300", last[0]);
        assertEquals("11.960", last[1]);
        assertEquals(List.of("5", "Sadness"), List.of(last).subList(16, 18));
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            double sum = 0;
            for (int c = 0; c < ExprClass.COUNT; c++) {
                assertTrue(r[8 + c].matches("\\d\\.\\d{6}"), r[8 + c]);
                assertEquals(track.predictions().probability(i, c), Double.parseDouble(r[8 + c]), 5e-7);
                sum += Double.parseDouble(r[8 + c]);
            }
            assertEquals(1, sum, 1e-5);
            assertEquals(track.predictions().label(i), Integer.parseInt(r[16]));
            assertEquals(ExprClass.of(track.predictions().label(i)).displayName(), r[17]);
        }
        assertEquals("Happiness", rows.get(0)[17]);
        assertEquals("Neutral", rows.get(150)[17]);
    }

    @Test
    void oneFrame() throws Exception {
        String[] r = write(Tracks.oneFrame()).get(0);
        assertEquals(List.of("1", "0.000", "1", "-3.5", "0.0", "64.0", "64.0", "0"), List.of(r).subList(0, 8));
        assertEquals(List.of("6", "Surprise"), List.of(r).subList(16, 18));
    }

    @Test
    void audioOnlyHasNoFaceAnywhere() throws Exception {
        for (String[] r : write(Tracks.audioOnly(40))) {
            assertEquals(List.of("0", "", "", "", "", "1"), List.of(r).subList(2, 8));
        }
    }

    @Test
    void labelsOnlyLeavesProbabilitiesEmpty() throws Exception {
        List<String[]> rows = write(Tracks.labelsOnly(2, -1));
        assertEquals(List.of("", "", "", "", "", "", "", "", "2", "Disgust"), List.of(rows.get(0)).subList(8, 18));
        assertEquals(List.of("-1", ""), List.of(rows.get(1)).subList(16, 18));
    }

    @Test
    void framesWithoutPredictionHaveLabelMinusOneAndEmptyProbabilities() throws Exception {
        List<String[]> rows = write(Tracks.withSilence(40));
        for (int i = 0; i < 40; i++) {
            String[] r = rows.get(i);
            if (i >= 10 && i < 30) {
                assertEquals(List.of("1", "Anger"), List.of(r).subList(16, 18), "frame " + (i + 1));
                assertTrue(r[9].matches("\\d\\.\\d{6}"), r[9]);
            } else {
                assertEquals(List.of("", "", "", "", "", "", "", "", "-1", ""), List.of(r).subList(8, 18), "frame " + (i + 1));
                assertEquals("0", r[7], "no speech");
            }
        }
    }

    @Test
    void labelIsTheArgmaxOfThePrintedValuesLowestIndexOnATie() throws Exception {
        // raw arg-max Fear (0.3000004), but Neutral and Fear both print 0.300000: Neutral, the lower index
        double[] tie = {0.2999996, 0.1, 0.1, 0.3000004, 0.1, 0.1, 0.1, 0.0};
        // Other 0.45000049 prints 0.450000, Disgust 0.4499996 prints 0.450000 too: Disgust
        double[] tie2 = {0, 0, 0.4499996, 0, 0, 0, 0.1000004, 0.45000049};
        // a clear winner by one printed unit stays
        double[] clear = {0, 0.4000006, 0, 0, 0, 0, 0, 0.4000002};
        List<String[]> rows = write(Tracks.ofRows("ties", tie, tie2, clear));
        assertEquals(List.of("0.300000", "0.100000", "0.100000", "0.300000"), List.of(rows.get(0)).subList(8, 12));
        assertEquals(List.of("0", "Neutral"), List.of(rows.get(0)).subList(16, 18));
        assertEquals("0.450000", rows.get(1)[10]);
        assertEquals("0.450000", rows.get(1)[15]);
        assertEquals(List.of("2", "Disgust"), List.of(rows.get(1)).subList(16, 18));
        assertEquals(List.of("1", "Anger"), List.of(rows.get(2)).subList(16, 18));
        for (String[] r : rows) {
            // the label is the first of the largest printed values
            int best = 0;
            for (int c = 1; c < ExprClass.COUNT; c++) {
                if (Double.parseDouble(r[8 + c]) > Double.parseDouble(r[8 + best])) best = c;
            }
            assertEquals(best, Integer.parseInt(r[16]));
        }
    }
}
