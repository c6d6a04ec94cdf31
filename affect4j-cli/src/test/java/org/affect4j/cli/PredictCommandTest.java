package org.affect4j.cli;

import org.affect4j.media.AudioDecoder;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.data.Images;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PredictCommandTest {
    @TempDir
    Path tmp;

    static Path example() {
        Path p = Path.of(System.getProperty("affect4j.root", "..")).resolve(PredictCommand.EXAMPLE);
        assumeTrue(Files.isRegularFile(p), "example clip not found at " + p);
        return p;
    }

    @Test
    void exampleClipGivesAllFourOutputs() throws Exception {
        Path out = tmp.resolve("out");
        CommandRun r = CommandRun.of("predict", example().toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("face+voice"), r.out());
        assertTrue(r.out().contains("dominant expression: "), r.out());
        for (String f : List.of("frames.csv", "timeline.png", "report.html", "1001_DFA_HAP_XX.txt")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
        List<String> abaw = Files.readAllLines(out.resolve("1001_DFA_HAP_XX.txt"));
        assertEquals(csv.size(), abaw.size(), "one row per frame in both files");
        assertTrue(abaw.get(0).startsWith("image_location,Neutral"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("1001_DFA_HAP_XX"));
    }

    @Test
    void audioOnlyAndStillImageInputsSayWhichModalityWasUsed() throws Exception {
        Path image = tmp.resolve("frame.png");
        try (FFmpegVideoSource v = FFmpegVideoSource.open(example())) {
            Images.write(v.next().image(), image);
        }
        CommandRun still = CommandRun.of("predict", image.toString(), "--out", tmp.resolve("still").toString());
        assertEquals(0, still.exit(), still.toString());
        assertTrue(still.out().contains("face only"), still.out());
        assertFalse(still.out().contains("speech in"), "a picture was not searched for speech: " + still.out());

        Path data = Locations.data().orElse(null);
        assumeTrue(data != null && Files.isDirectory(data.resolve("ravdess")), "RAVDESS not found");
        CommandRun voice = CommandRun.of("predict", data.resolve("ravdess/03-01-05-02-01-01-17.flac").toString(),
                "--out", tmp.resolve("voice").toString());
        assertEquals(0, voice.exit(), voice.toString());
        assertTrue(voice.out().contains("voice only"), voice.out());
        // a recording was not searched for a face: no "face found in 0%"
        assertFalse(voice.out().contains("face found"), voice.out());
        assertTrue(voice.out().contains("speech in "), voice.out());
    }

    @Test
    void theFaceStrideIsTheModelsUnlessGiven() throws Exception {
        // the faces column is filled on the frames the detector ran on (key frames), empty between them
        CommandRun own = CommandRun.of("predict", example().toString(), "--out", tmp.resolve("own").toString());
        assertEquals(0, own.exit(), own.toString());
        assertEquals(4, keyFrameStride(tmp.resolve("own/frames.csv")), "the default model's stride");
        assertTrue(Files.readString(tmp.resolve("own/report.html")).contains("embedded on every 4th frame"), "the report says so");
        assertTrue(Files.readString(tmp.resolve("own/report.html")).contains("faceres computed by faceres-int8"),
                "the report names the video frames' stand-in");
        CommandRun every = CommandRun.of("predict", example().toString(), "--face-every", "1", "--out", tmp.resolve("every").toString());
        assertEquals(0, every.exit(), every.toString());
        assertEquals(1, keyFrameStride(tmp.resolve("every/frames.csv")));
        assertFalse(Files.readString(tmp.resolve("every/report.html")).contains("embedded on every"));
        CommandRun bad = CommandRun.of("predict", example().toString(), "--face-every", "-2", "--out", tmp.resolve("bad").toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--face-every must be at least 1"), bad.err());
        assertFalse(Files.exists(tmp.resolve("bad")));
        // every bad number is a usage error (exit 2, one line), found before anything is read; so is an option of
        // --live without it
        for (String[] option : new String[][] {{"--threads", "0"}, {"--fps", "-1"}, {"--fps", "NaN"}, {"--face-every", "0"},
                {"--smoothing", "-1"}, {"--format", "csv"}}) {
            CommandRun usage = CommandRun.of("predict", example().toString(), option[0], option[1], "--out", tmp.resolve("bad").toString());
            assertEquals(2, usage.exit(), usage.toString());
            assertTrue(usage.err().startsWith("affect4j: error: " + option[0] + (option[0].equals("--format")
                    ? " sets the rows of --live: give it with --live" : " must be")), usage.err());
            assertEquals(1, usage.err().strip().lines().count(), usage.err());
            assertFalse(Files.exists(tmp.resolve("bad")));
        }
    }

    @Test
    void aFolderOfFramesAtOneFramePerSecondReadsEveryFrameItself() throws Exception {
        // key frames at most 0.2 s apart: at 1 frame/s every picture is embedded, none interpolated from others
        Path data = Locations.data().orElse(null);
        assumeTrue(data != null && Files.isDirectory(data.resolve("fer2013/test")), "FER2013 not found");
        Path folder = Files.createDirectories(tmp.resolve("frames"));
        int k = 0;
        for (String c : List.of("Anger", "Happiness", "Surprise", "Fear", "Sadness", "Happiness", "Neutral", "Anger")) {
            try (Stream<Path> s = Files.list(data.resolve("fer2013/test").resolve(c))) {
                Path pic = s.sorted().skip(k).findFirst().orElseThrow();
                Files.copy(pic, folder.resolve(String.format("%05d.jpg", ++k)));
            }
        }
        // without its rate: one line that also says how to label each picture on its own
        CommandRun noRate = CommandRun.of("predict", folder.toString(), "--out", tmp.resolve("none").toString());
        assertEquals(3, noRate.exit(), noRate.toString());
        assertTrue(noRate.err().contains("give its frame rate (--fps)") && noRate.err().contains("give them as inputs ("
                + folder.resolve("*") + ")") && noRate.err().strip().lines().count() == 1, noRate.toString());
        CommandRun own = CommandRun.of("predict", folder.toString(), "--fps", "1", "--out", tmp.resolve("own").toString());
        CommandRun every = CommandRun.of("predict", folder.toString(), "--fps", "1", "--face-every", "1", "--out", tmp.resolve("every").toString());
        assertEquals(0, own.exit(), own.toString());
        assertEquals(0, every.exit(), every.toString());
        assertEquals(Files.readAllLines(tmp.resolve("every/frames.csv")), Files.readAllLines(tmp.resolve("own/frames.csv")));
        assertFalse(Files.readString(tmp.resolve("own/report.html")).contains("embedded on every"));
        assertFalse(Files.readString(tmp.resolve("own/report.html")).contains("computed by"), "pictures keep their own nets");
    }

    /** The distance between frames whose faces column is filled, checked to be the same throughout. */
    private static int keyFrameStride(Path framesCsv) throws Exception {
        List<String> lines = Files.readAllLines(framesCsv);
        int column = java.util.Arrays.asList(lines.get(0).split(",", -1)).indexOf("faces"), last = -1, stride = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).split(",", -1)[column].isEmpty()) continue;
            if (last >= 0) {
                if (stride < 0) stride = i - last;
                assertEquals(stride, i - last, "key frame at line " + (i + 1));
            }
            last = i;
        }
        return stride;
    }

    @Test
    void aPersonAcrossTheRoomIsFoundByTheDefaultDetectorAndTheDetectorCanBeChosen() throws Exception {
        // a frame of the example (its face ~106 px wide) on a 1920x1080 backdrop: 5.5 % of the width, as in an interview
        org.affect4j.data.RgbImage frame;
        try (FFmpegVideoSource v = FFmpegVideoSource.open(example())) {
            frame = v.next().image();
        }
        int w = 1920, h = 1080;
        byte[] room = new byte[w * h * 3];
        java.util.Arrays.fill(room, (byte) 100);
        for (int y = 0; y < frame.height(); y++) {
            System.arraycopy(frame.rgb(), y * frame.width() * 3, room, ((y + 300) * w + 700) * 3, frame.width() * 3);
        }
        Path photo = tmp.resolve("room.png");
        Images.write(new org.affect4j.data.RgbImage(w, h, room), photo);
        CommandRun found = CommandRun.of("predict", photo.toString(), "--out", tmp.resolve("default").toString());
        assertEquals(0, found.exit(), found.toString());
        assertTrue(found.out().contains("face found in 100% of frames"), found.out());
        CommandRun front = CommandRun.of("predict", photo.toString(), "--detector", "blazeface", "--out", tmp.resolve("front").toString());
        assertEquals(0, front.exit(), front.toString());
        assertTrue(front.out().contains("face found in 0% of frames"), "the front model alone misses it: " + front.out());
        CommandRun typo = CommandRun.of("predict", photo.toString(), "--detector", "blazefase", "--out", tmp.resolve("typo").toString());
        assertEquals(2, typo.exit(), typo.toString());
        assertTrue(typo.err().contains("unknown face detector 'blazefase'"), typo.err());
        assertFalse(Files.exists(tmp.resolve("typo")));
    }

    /**
     * End to end on a real recording with silence around it: a WAV of 3 s of silence, a RAVDESS utterance (decoded by
     * the project's own decoder) and 3 s of silence. The silence has neither a face nor speech, so frames.csv leaves
     * it unlabelled (-1, no probabilities) while the ABAW file still labels every frame.
     */
    @Test
    void silenceInAnAudioFileGetsNoLabel() throws Exception {
        Path data = Locations.data().orElse(null);
        assumeTrue(data != null && Files.isDirectory(data.resolve("ravdess")),
                "RAVDESS not found (set AFFECT4J_DATA or put the data in ../shared/data): end-to-end silence check skipped");
        float[] speech = AudioDecoder.decode(data.resolve("ravdess/03-01-05-02-01-01-17.flac"));
        int rate = AudioDecoder.SAMPLE_RATE, pad = 3 * rate;
        float[] all = new float[pad + speech.length + pad];
        System.arraycopy(speech, 0, all, pad, speech.length);
        Path wav = tmp.resolve("padded.wav");
        writeWav(all, rate, wav);

        Path out = tmp.resolve("padded");
        CommandRun r = CommandRun.of("predict", wav.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("voice only"), r.out());
        assertTrue(r.out().contains("no label in "), r.out());
        List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
        int silent = 0, labelled = 0;
        double speechStart = 3, speechEnd = 3 + speech.length / (double) rate;
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            double t = Double.parseDouble(f[1]);
            int label = Integer.parseInt(f[16]);
            if (t < speechStart - 0.5 || t > speechEnd + 0.5) {
                // well inside the silence: no label, no probabilities, no speech
                assertEquals(-1, label, line);
                assertEquals("", f[8], line);
                assertEquals("", f[17], line);
                assertEquals("0", f[7], line);
                silent++;
            }
            if (label >= 0) labelled++;
        }
        assertTrue(silent > 0.5 * (csv.size() - 1), silent + " silent rows of " + (csv.size() - 1));
        assertTrue(labelled > 0, "the utterance is labelled");
        List<String> abaw = Files.readAllLines(out.resolve("padded.txt"));
        assertEquals(csv.size(), abaw.size(), "the ABAW file covers every frame");
        assertTrue(abaw.stream().skip(1).noneMatch(l -> l.endsWith(",-1")), "and labels every frame");
        assertTrue(Files.readString(out.resolve("report.html")).contains("<th>No label</th>"));
    }

    /** A recording of pure silence has no labelled frame: the ABAW file falls back to Neutral and stderr says so. */
    @Test
    void allSilenceFallsBackToNeutralAndSaysSo() throws Exception {
        Path wav = tmp.resolve("quiet.wav");
        writeWav(new float[2 * AudioDecoder.SAMPLE_RATE], AudioDecoder.SAMPLE_RATE, wav);
        Path out = tmp.resolve("quiet");
        CommandRun r = CommandRun.of("predict", wav.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("affect4j: warning: no frame has a label (neither a face nor speech was found), so "
                + "quiet.txt gives every frame the fallback label 0 (Neutral)"), r.toString());
        assertTrue(r.out().contains("dominant expression: none: no frame has a label"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
        assertTrue(csv.size() > 1);
        assertTrue(csv.stream().skip(1).allMatch(l -> l.split(",", -1)[16].equals("-1")), "no label anywhere in frames.csv");
        List<String> abaw = Files.readAllLines(out.resolve("quiet.txt"));
        assertEquals(csv.size(), abaw.size());
        assertTrue(abaw.stream().skip(1).allMatch(l -> l.endsWith(",0")), "every frame Neutral in the ABAW file");
    }

    private static void writeWav(float[] samples, int rate, Path file) throws Exception {
        byte[] pcm = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            int v = Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @Test
    void badInputGivesOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "not a video\n".repeat(40));
        Path file = Files.writeString(tmp.resolve("plainfile"), "x");
        // a picture or a recording that cannot be read: the error alone, no note about the branch it lacks first
        Path picture = Files.write(tmp.resolve("broken.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 'x', 'y'});
        Path sound = Files.writeString(tmp.resolve("broken.wav"), "RIFF....WAVEfmt " + "garbage".repeat(20));
        String[][] cases = {
                {"predict", picture.toString(), "--out", out.toString()},
                {"predict", sound.toString(), "--out", out.toString()},
                {"predict", tmp.resolve("missing.mp4").toString(), "--out", out.toString()},
                {"predict", empty.toString(), "--out", out.toString()},
                {"predict", text.toString(), "--out", out.toString()},
                {"predict", example().toString(), "--model", "nosuchmodel", "--out", out.toString()},
                {"predict", example().toString(), "--out", file.resolve("sub").toString()},
        };
        for (String[] args : cases) {
            CommandRun r = CommandRun.of(args);
            assertEquals(3, r.exit(), r.toString());
            assertTrue(r.err().startsWith("affect4j: error: "), r.toString());
            assertEquals(1, r.err().strip().lines().count(), "exactly one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(out), "nothing written for bad input");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary leftovers");
        }
    }
}
