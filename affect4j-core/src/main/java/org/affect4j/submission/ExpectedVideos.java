package org.affect4j.submission;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.DataLines;
import org.affect4j.data.ExprAnnotations;
import org.affect4j.data.VideoFiles;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The videos a submission must cover and the number of frames of each: what the challenge's test-set list (names)
 * and the videos themselves (frame counts) define. Immutable; names sorted.
 *
 * <p>List file format: UTF-8 text, one video per line {@code <name>,<frames>}, optionally preceded by the header
 * line {@code name,frames}; e.g. {@code 2-30-640x360,7800} or {@code 10-60-1280x720_right,2412}.
 */
public final class ExpectedVideos {
    /** The optional header line of a list file. */
    public static final String LIST_HEADER = "name,frames";

    private final Map<String, Integer> frames;

    private ExpectedVideos(Map<String, Integer> frames) {
        this.frames = Collections.unmodifiableMap(new TreeMap<>(frames));
    }

    /**
     * From explicit counts.
     *
     * @throws IllegalArgumentException if a count is less than 1 or a name is empty
     */
    public static ExpectedVideos of(Map<String, Integer> frames) {
        frames.forEach((name, n) -> {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty video name");
            if (n == null || n < 1) throw new IllegalArgumentException("video " + name + ": frame count " + n + " is not 1 or more");
        });
        return new ExpectedVideos(frames);
    }

    /**
     * Reads a list file {@code <name>,<frames>} per line.
     *
     * @throws DataFormatException naming file and line for a malformed line, a duplicate name or an empty list
     */
    public static ExpectedVideos readList(Path file) {
        Map<String, Integer> frames = new TreeMap<>();
        try (DataLines in = DataLines.open(file)) {
            String line;
            while ((line = in.next()) != null) {
                if (in.lineNumber() == 1 && line.replace(" ", "").equalsIgnoreCase(LIST_HEADER)) continue;
                String[] f = line.split(",", -1);
                if (f.length != 2 || f[0].isBlank()) {
                    throw in.error("expected '<name>,<frames>', found '" + line + "'");
                }
                String name = f[0].strip();
                int n;
                try {
                    n = Integer.parseInt(f[1].strip());
                } catch (NumberFormatException e) {
                    throw in.error("frame count '" + f[1].strip() + "' of " + name + " is not an integer");
                }
                if (n < 1) throw in.error("frame count " + n + " of " + name + " is not 1 or more");
                if (frames.put(name, n) != null) throw in.error("video " + name + " is listed twice");
            }
        }
        if (frames.isEmpty()) throw new DataFormatException(file, "lists no videos");
        return new ExpectedVideos(frames);
    }

    /**
     * Every annotation file {@code <name>.txt} of a gold directory, with its number of frames (label lines).
     *
     * @throws DataFormatException if the directory holds no annotation file or one is malformed
     */
    public static ExpectedVideos fromGold(Path dir) {
        VideoFiles gold = VideoFiles.of(dir);
        if (gold.names().isEmpty()) throw new DataFormatException(dir, "holds no annotation files <name>.txt");
        Map<String, Integer> frames = new TreeMap<>();
        for (String name : gold.names()) frames.put(name, ExprAnnotations.read(gold.file(name)).length);
        return new ExpectedVideos(frames);
    }

    /** The video names, sorted. */
    public Set<String> names() {
        return frames.keySet();
    }

    /** Whether {@code name} is expected. */
    public boolean contains(String name) {
        return frames.containsKey(name);
    }

    /**
     * The frame count of {@code name}.
     *
     * @throws IllegalArgumentException if the video is not expected
     */
    public int frames(String name) {
        Integer n = frames.get(name);
        if (n == null) throw new IllegalArgumentException("video " + name + " is not expected");
        return n;
    }

    @Override
    public String toString() {
        return "ExpectedVideos[" + frames.size() + " videos]";
    }
}
