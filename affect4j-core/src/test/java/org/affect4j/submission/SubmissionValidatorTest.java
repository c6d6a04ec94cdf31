package org.affect4j.submission;

import org.affect4j.data.PredictionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionValidatorTest {
    private static final String HEADER = "image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other";
    @TempDir
    Path dir;

    private List<String> problems(Map<String, Integer> expected) {
        return SubmissionValidator.validate(dir, ExpectedVideos.of(expected)).problems().stream()
                .map(p -> p.toString().substring(dir.toString().length() + 1)).toList();
    }

    @Test
    void aCorrectSubmissionHasNoProblems() {
        PredictionFiles.submission(dir, "v_left", 0, 7, 3);
        PredictionFiles.submission(dir, "v_right", 4);
        ValidationReport r = SubmissionValidator.validate(dir, ExpectedVideos.of(Map.of("v_left", 3, "v_right", 1)));
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(2, r.videosChecked());
    }

    @Test
    void reportsEveryProblemOfEveryFile() {
        PredictionFiles.write(dir, "a", "image_location,Neutral", "a/00001.jpg,8", "b/00002.jpg,1", "a/3.jpg,1", "a/00004.jpg,x");
        PredictionFiles.submission(dir, "b", 1, 1);
        PredictionFiles.submission(dir, "stray", 1);
        assertEquals(List.of(
                "a.txt:1: wrong header 'image_location,Neutral', expected exactly '" + HEADER + "'",
                "a.txt:2: label 8 is outside 0..7",
                "a.txt:3: image_location names video 'b', expected 'a'",
                "a.txt:4: image_location 'a/3.jpg' should be 'a/00003.jpg' (1-based frame number on 5 digits)",
                "a.txt:5: label 'x' is not an integer",
                "a.txt: missing 2 of 5 frames: 3, 5",
                "b.txt: 1 extra frames beyond the video's 1: 2",
                "c.txt: missing: no submission file for video c (4 frames expected)",
                "stray.txt: unexpected: video stray is not among the expected videos"),
                problems(Map.of("a", 5, "b", 1, "c", 4)));
    }

    @Test
    void missingHeaderOrderAndDuplicates() {
        PredictionFiles.write(dir, "a", "a/00001.jpg,1", "a/00003.jpg,1", "a/00002.jpg,1", "a/00003.jpg,2", "", "a/00004.jpg,1", "a/00004.jpg");
        assertEquals(List.of(
                "a.txt:1: missing header, expected exactly '" + HEADER + "'",
                "a.txt:2: frame 3 out of order, expected a/00002.jpg",
                "a.txt:3: frame 2 out of order, expected a/00004.jpg",
                "a.txt:4: duplicate row for frame 3",
                "a.txt:5: blank line",
                "a.txt:7: expected 'a/00005.jpg,<label>', found 'a/00004.jpg'",
                "a.txt: missing 2 of 6 frames: 5-6"),
                problems(Map.of("a", 6)));
    }

    @Test
    void emptyFileAndTooManyProblems() {
        PredictionFiles.write(dir, "e");
        String[] bad = new String[31];
        bad[0] = HEADER;
        for (int i = 1; i <= 30; i++) bad[i] = String.format("f/%05d.jpg,9", i);
        PredictionFiles.write(dir, "f", bad);
        List<String> p = problems(Map.of("e", 2, "f", 30));
        assertTrue(p.get(0).startsWith("e.txt: empty file"), p.get(0));
        assertEquals(1 + SubmissionValidator.MAX_PROBLEMS_PER_FILE + 1, p.size(), p.toString());
        assertEquals("f.txt: 10 more row problems not listed", p.get(p.size() - 1));
    }
}
